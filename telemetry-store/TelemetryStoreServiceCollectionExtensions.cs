using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.Hosting;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Sqlite;
using ParkCommunity.TelemetryStore.Writing;
using Polly;

namespace ParkCommunity.TelemetryStore;

public static class TelemetryStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the telemetry store chosen by <c>Backend</c> in <paramref name="section"/> (<c>Sqlite</c>, the default,
    /// or <c>InfluxDb</c>) as one singleton serving both <see cref="ITelemetryWriter"/> and <see cref="ITelemetryReader"/>,
    /// with its options (<c>Sqlite:*</c> or <c>InfluxDb:*</c>) validated at start and a hosted service that prepares
    /// the store when the host starts. Calling it again is harmless: the host that runs several parts in one process
    /// (gateway, rules, dashboard) gets one store, not one per part.
    /// </summary>
    public static IServiceCollection AddTelemetryStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ITelemetryReader)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TelemetryStoreMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        var backend = ChooseBackend(section);
        if (backend == TelemetryStoreBackend.InfluxDb)
        {
            services.AddOptions<InfluxDbOptions>().Bind(section.GetSection("InfluxDb")).ValidateOnStart();
            services.AddSingleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsValidator>();

            // The store is a singleton, so it asks the factory for a client per request (letting the factory
            // rotate handlers) rather than holding one typed client for ever. Timeouts are the store's own:
            // its per-call deadline covers these retries too.
            // A blip (a 503 while InfluxDB compacts, a refused connection during its restart) is retried here
            // a couple of times with jittered backoff before the gateway falls back to its disk spool. Writes are
            // idempotent on series + timestamp, so retrying a POST /write is safe.
            services.AddHttpClient(InfluxDbTelemetryStore.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler("influxdb-transient", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                }));
            Expose<InfluxDbTelemetryStore>(services);
        }
        else
        {
            services.AddOptions<SqliteTelemetryOptions>().Bind(section.GetSection("Sqlite")).ValidateOnStart();
            services.AddSingleton<IValidateOptions<SqliteTelemetryOptions>, SqliteTelemetryOptionsValidator>();
            Expose<SqliteTelemetryStore>(services);
        }

        return services;
    }

    private static void Expose<TStore>(IServiceCollection services)
        where TStore : class, ITelemetryWriter, ITelemetryReader, ITelemetryStoreLifecycle
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<ITelemetryWriter>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ITelemetryReader>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ITelemetryStoreLifecycle>(sp => sp.GetRequiredService<TStore>());
        services.AddHostedService<TelemetryStorePreparation>();
    }

    private static TelemetryStoreBackend ChooseBackend(IConfiguration section)
    {
        var value = section["Backend"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return TelemetryStoreBackend.Sqlite;
        }

        // The backend decides which services exist, so it is checked now rather than at start.
        if (Enum.TryParse<TelemetryStoreBackend>(value, ignoreCase: true, out var backend) && Enum.IsDefined(backend)
            && !int.TryParse(value, out _))
        {
            return backend;
        }

        var path = section is IConfigurationSection s ? s.Path + ":Backend" : "Backend";
        throw new InvalidOperationException(
            $"{path} is '{value}'; use one of: {string.Join(", ", Enum.GetNames<TelemetryStoreBackend>())}.");
    }
}
