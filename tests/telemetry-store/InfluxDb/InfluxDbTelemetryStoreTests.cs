using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Tests.Contract;
using ParkCommunity.TelemetryStore.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.InfluxDb;

/// <summary>The contract on the real InfluxDB 1.x started by ./test.sh; a fresh database per test, dropped after.</summary>
public sealed class InfluxDbTelemetryStoreTests : TelemetryStoreContract
{
    private readonly string _database = TestServers.UniqueName("telemetry");
    private InfluxDbTelemetryStore? _store;

    protected override async Task<(ITelemetryWriter Writer, ITelemetryReader Reader)> CreateStoreAsync()
    {
        _store = StoreFactory.InfluxDb(new InfluxDbOptions { Url = TestServers.InfluxDbUrl.ToString(), Database = _database });
        await _store.PrepareAsync(CancellationToken.None);
        return (_store, _store);
    }

    protected override async Task DisposeStoreAsync()
    {
        using var http = new HttpClient { BaseAddress = TestServers.InfluxDbUrl };
        using var drop = new FormUrlEncodedContent([new("q", $"DROP DATABASE \"{_database}\"")]);
        (await http.PostAsync(new Uri("/query", UriKind.Relative), drop)).Dispose();
        _store?.Dispose();
    }
}
