using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>
/// A whole gateway (in-process broker on a free loopback port, real telemetry store, real dead-letter
/// file) started the way the product starts it, for tests that talk to it over MQTT.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _data = new("pc-gateway");

    private GatewayHost(IDictionary<string, string?> settings)
    {
        BrokerPort = FreePort.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _data.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:RegistryPath"] = RepositoryRoot.SampleRegistry,
            ["Gateway:DataDirectory"] = _data.Path,
            ["Gateway:Broker:Port"] = BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Broker:BindAddress"] = "127.0.0.1",
            ["TelemetryStore:Backend"] = "Sqlite",
            ["TelemetryStore:Sqlite:Path"] = TelemetryDatabasePath,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs);
        builder.AddGateway();
        _host = builder.Build();
    }

    public int BrokerPort { get; }

    /// <summary>The SQLite telemetry file (when the default embedded store is used).</summary>
    public string TelemetryDatabasePath => Path.Combine(_data.Path, "telemetry.db");

    public CollectingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _host.Services;

    public ITelemetryReader Reader => Services.GetRequiredService<ITelemetryReader>();

    public IDeadLetterStore DeadLetters => Services.GetRequiredService<IDeadLetterStore>();

    /// <summary>Starts a gateway; <paramref name="settings"/> override the defaults (SQLite store, sample registry).</summary>
    public static async Task<GatewayHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var gateway = new GatewayHost(settings ?? new Dictionary<string, string?>());
        await gateway._host.StartAsync().ConfigureAwait(false);
        return gateway;
    }

    /// <summary>Settings that point the gateway at a fresh database on the real InfluxDB server.</summary>
    public static Dictionary<string, string?> InfluxDbSettings(string database) => new()
    {
        ["TelemetryStore:Backend"] = "InfluxDb",
        ["TelemetryStore:InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString(),
        ["TelemetryStore:InfluxDb:Database"] = database,
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
        _data.Dispose();
    }
}
