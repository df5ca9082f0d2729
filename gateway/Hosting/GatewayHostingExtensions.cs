using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Broker;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.DeviceStatus;
using ParkCommunity.Gateway.ExternalBroker;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.Gateway.Privacy;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;

namespace ParkCommunity.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// The whole gateway: site registry, telemetry store, dead letters, ingestion with group commit,
    /// device status, and the broker side chosen by <c>Gateway:BrokerMode</c>.
    /// Hosted services start in this order and stop in reverse, so the broker stops taking messages
    /// before the committer writes its last batch.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeadLetterOptions>().BindConfiguration(DeadLetterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SpoolOptions>().BindConfiguration(SpoolOptions.Section).ValidateOnStart()
            .PostConfigure<IOptions<GatewayOptions>>((spool, gateway) => spool.Directory = Path.Combine(gateway.Value.DataDirectory, spool.Directory));
        services.AddSingleton<IValidateOptions<SpoolOptions>, SpoolOptionsValidator>();

        services.AddSingleton(sp => RegistryLoader.Load(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.RegistryPath));
        services.AddHostedService<RegistryStartupCheck>();
        services.AddTelemetryStore(configuration.GetSection("TelemetryStore"));

        services.AddSingleton<GatewayDatabase>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<DeviceDirectory>();
        services.AddSingleton<SqliteDeadLetterStore>();
        services.AddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<SqliteDeadLetterStore>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteDeadLetterStore>());
        services.AddSingleton<SpoolMetrics>();
        services.AddSingleton(sp => DiskSpool.Open(
            sp.GetRequiredService<IOptions<SpoolOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DiskSpool>>(), sp.GetRequiredService<SpoolMetrics>()));
        services.AddSingleton<TelemetryCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryCommitter>());
        services.AddHostedService<SpoolReplayer>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        services.AddSingleton<Pseudonymizer>();
        services.AddSingleton<IDeviceMessageSink, DeviceMessageIngestion>();
        services.AddHostedService<DeviceStatusPersister>();

        var mode = configuration.GetSection(GatewayOptions.Section).GetValue(nameof(GatewayOptions.BrokerMode), BrokerMode.InProcess);
        if (mode == BrokerMode.External)
        {
            services.AddOptions<ExternalBrokerOptions>().BindConfiguration(ExternalBrokerOptions.Section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<ExternalBrokerOptions>, ExternalBrokerOptionsValidator>();
            services.AddHostedService<ExternalBrokerSubscriber>();
        }
        else
        {
            services.AddInProcessBroker();
        }

        return builder;
    }
}
