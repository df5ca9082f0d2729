using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ParkCommunity.Rules.Switches;

/// <summary>The rule switches in the alarm store's SQLite file (the single-machine default).</summary>
public sealed class SqliteRuleSwitchStore : SqlRuleSwitchStore
{
    private readonly string _connectionString;

    public SqliteRuleSwitchStore(string databasePath, TimeProvider time)
        : base(time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        // SQLite creates the file but not its folder (the default .data/ does not exist on a fresh checkout).
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    protected override string? SchemaLockStatement => null;

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // The file is shared with the alarm store's writers: wait for them rather than fail with SQLITE_BUSY.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
