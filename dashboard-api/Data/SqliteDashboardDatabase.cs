using System.Data.Common;
using Microsoft.Data.Sqlite;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.DashboardApi.Data;

/// <summary>The embedded default: one SQLite file in WAL mode, so audit reads never wait for a writer.</summary>
internal sealed class SqliteDashboardDatabase : DashboardDatabase
{
    private readonly string _connectionString;

    public SqliteDashboardDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
        // SQLite creates the file but not its folder (the default .data/ does not exist on a fresh checkout).
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Location { get; }

    public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Wait for another writer instead of failing with SQLITE_BUSY.
            await connection.Sql("PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
