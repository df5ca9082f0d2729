using Npgsql;
using Xunit;

namespace ParkCommunity.TestSupport;

/// <summary>
/// A database of its own on the test PostgreSQL server, created on first use and dropped on dispose — usable as an
/// xunit class fixture (<see cref="IAsyncLifetime"/>) or on its own.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime, IAsyncDisposable
{
    private readonly string _name = TestServers.UniqueName("pc_test");

    public string ConnectionString { get; private set; } = "";

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync().ConfigureAwait(false);
        return database;
    }

    public async Task InitializeAsync()
    {
        await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
        await using var command = admin.CreateCommand($"CREATE DATABASE {_name}");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = _name }.ConnectionString;
    }

    /// <summary>Drops every table the stores created, so a test starts from an empty database.</summary>
    public async Task EmptyAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);
}
