using Npgsql;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.TestSupport;

namespace ParkCommunity.DashboardApi.Tests.Data;

/// <summary>Makes a fresh, schema-ready dashboard database per test.</summary>
public interface IDatabaseMaker : IAsyncDisposable
{
    internal Task<DashboardDatabase> CreateAsync();
}

public sealed class SqliteDatabaseMaker : IDatabaseMaker
{
    private readonly TempDirectory _folder = new("pc-dashboard-db");

    async Task<DashboardDatabase> IDatabaseMaker.CreateAsync()
    {
        var database = new SqliteDashboardDatabase(_folder.File(Guid.NewGuid().ToString("N") + ".db"));
        await database.EnsureSchemaAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A database of its own on the test PostgreSQL server per test, dropped afterwards.</summary>
public sealed class PostgresDatabaseMaker : IDatabaseMaker
{
    private readonly List<(string Name, PostgresDashboardDatabase Database)> _made = [];

    async Task<DashboardDatabase> IDatabaseMaker.CreateAsync()
    {
        var name = TestServers.UniqueName("pc_dashboard");
        await using (var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString))
        await using (var command = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var database = new PostgresDashboardDatabase(new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = name }.ConnectionString);
        _made.Add((name, database));
        await database.EnsureSchemaAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        // Twice: a second node starting on the same database must find nothing to do.
        await database.EnsureSchemaAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, database) in _made)
        {
            await database.DisposeAsync();
            await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
            await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }
    }
}
