using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage.Sqlite;
using ParkCommunity.CaseSystem.WorkOrders;

using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Support;

/// <summary>A real SQLite case store in a temporary folder, with the sample roster, deleted with the test.</summary>
public sealed class SqliteCaseStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pc-cases-{Guid.NewGuid():N}");
    private readonly TestMeterFactory _meters = new();

    private SqliteCaseStore(FakeTimeProvider time)
    {
        Time = time;
        Metrics = new CaseSystemMetrics(_meters);
        Store = new SqliteWorkOrderStore(Path.Combine(_folder, "cases.db"), time, SlaPolicy.Default, NullLogger<SqliteWorkOrderStore>.Instance, Metrics);
    }

    public FakeTimeProvider Time { get; }

    public CaseSystemMetrics Metrics { get; }

    public SqliteWorkOrderStore Store { get; }

    public static CrewRoster SampleRoster { get; } =
        CrewRosterLoader.Load(Path.Combine(AppContext.BaseDirectory, "sample-community", "crews.yaml"));

    public static async Task<SqliteCaseStore> CreateAsync(FakeTimeProvider time)
    {
        var store = new SqliteCaseStore(time);
        await store.Store.InitializeAsync();
        return store;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        _meters.Dispose();
        return ValueTask.CompletedTask;
    }
}
