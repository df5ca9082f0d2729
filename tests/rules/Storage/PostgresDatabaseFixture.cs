using Npgsql;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Storage;

/// <summary>A database of its own on the test PostgreSQL server for one test class, dropped afterwards.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly string _name = TestServers.UniqueName("pc_alarms");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
        await using var command = admin.CreateCommand($"CREATE DATABASE {_name}");
        await command.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>Drops everything the alarm and case stores created (whatever their tables), so a test starts from an empty database.</summary>
    public async Task EmptyAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
