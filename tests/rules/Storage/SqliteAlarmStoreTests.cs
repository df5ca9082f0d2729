using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Alarms.Storage.Sqlite;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Storage;

/// <summary>The contract over a real SQLite file, a new one per test.</summary>
public sealed class SqliteAlarmStoreTests : AlarmStoreContract
{
    private readonly TempDirectory _folder = new("pc-alarms");

    private string DatabasePath => Path.Combine(_folder.Path, "nested", "alarms.db");

    protected override Task PrepareEmptyDatabaseAsync() => Task.CompletedTask;

    protected override IAlarmStore CreateNode() => new SqliteAlarmStore(DatabasePath, Time, NullLogger<SqliteAlarmStore>.Instance);

    protected override Task CleanUpAsync()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
