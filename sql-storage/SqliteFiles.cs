using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ParkCommunity.SqlStorage;

/// <summary>How every embedded store opens its SQLite file: created with its folder, pooled, waiting for other writers.</summary>
public static class SqliteFiles
{
    /// <summary>How long a writer waits for another (another node or thread on the same file) before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>The connection string for <paramref name="path"/>; creates the folder, which SQLite does not.</summary>
    public static string ConnectionString(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Opens a connection with the busy timeout set, then runs <paramref name="pragmas"/> (e.g. "PRAGMA foreign_keys = ON").</summary>
    public static async ValueTask<DbConnection> OpenAsync(string connectionString, string? pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.Sql($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; {pragmas}").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Begins a write transaction that takes the write lock at once (BEGIN IMMEDIATE), so two writers never deadlock
    /// upgrading a read lock.
    /// </summary>
    public static DbTransaction BeginWriteTransaction(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
    }
}
