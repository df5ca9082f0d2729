using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Sqlite;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Storage;

/// <summary>The contract over a real SQLite file, a new one per test.</summary>
public sealed class SqliteWorkOrderStoreTests : WorkOrderStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pc-cases-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "nested", "cases.db");

    protected override Task PrepareEmptyDatabaseAsync() => Task.CompletedTask;

    protected override IWorkOrderStore CreateNode() =>
        new SqliteWorkOrderStore(DatabasePath, Time, SlaPolicy.Default, NullLogger<SqliteWorkOrderStore>.Instance, Metrics);

    protected override Task CleanUpAsync()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
