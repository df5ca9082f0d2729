using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ParkCommunity.Gateway.Hosting;

/// <summary>The gateway's own SQLite file (dead letters, device status): <c>{DataDirectory}/gateway.db</c>.</summary>
internal sealed class GatewayDatabase
{
    private readonly string _connectionString;

    public GatewayDatabase(IOptions<GatewayOptions> options)
    {
        var directory = System.IO.Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, "gateway.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragmas = connection.CreateCommand();
        // WAL lets the CLI read while the gateway writes; FULL makes each commit survive power loss,
        // which acknowledging a message after its dead letter is stored relies on.
        pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Runs one statement (or script) on its own connection — for schema set-up at start.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
