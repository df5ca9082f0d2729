using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Sqlite;
using ParkCommunity.TelemetryStore.Tests.Contract;
using ParkCommunity.TelemetryStore.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.Sqlite;

/// <summary>The contract on the embedded store, one temporary database file per test.</summary>
public sealed class SqliteTelemetryStoreTests : TelemetryStoreContract, IDisposable
{
    private readonly TempDirectory _folder = new("pc-telemetry");
    private SqliteTelemetryStore? _store;

    protected override Task<(ITelemetryWriter Writer, ITelemetryReader Reader)> CreateStoreAsync()
    {
        _store = StoreFactory.Sqlite(_folder.File("nested/telemetry.db"));
        return Task.FromResult<(ITelemetryWriter, ITelemetryReader)>((_store, _store));
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    // xunit calls DisposeAsync (close the store) before Dispose (delete the folder).
    public void Dispose() => _folder.Dispose();
}
