using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>A reader of one database on the shared InfluxDB server, for checking what a gateway in another process stored.</summary>
public sealed class StoreReader : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StoreReader(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTelemetryStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backend"] = "InfluxDb",
            ["InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = database,
        }).Build());
        _services = services.BuildServiceProvider();
    }

    public ITelemetryReader Reader => _services.GetRequiredService<ITelemetryReader>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
