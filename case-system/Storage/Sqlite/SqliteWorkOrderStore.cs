using System.Data.Common;
using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.CaseSystem.Storage.Sqlite;

/// <summary>
/// The default, single-machine case store: one SQLite file in WAL mode (readers never wait for the writer).
/// Several store instances may share the file; SQLite's single writer lock serialises their changes.
/// </summary>
public sealed class SqliteWorkOrderStore : SqlWorkOrderStore
{
    // SQLITE_CONSTRAINT_UNIQUE, https://www.sqlite.org/rescode.html#constraint_unique
    private const int UniqueConstraintFailed = 2067;
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly string _connectionString;

    public SqliteWorkOrderStore(
        string databasePath, TimeProvider time, SlaPolicy sla, ILogger<SqliteWorkOrderStore> logger, CaseSystemMetrics metrics)
        : base(time, sla, logger, metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        // SQLite creates the file but not its folder (the default .data/ does not exist on a fresh checkout).
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    // BEGIN IMMEDIATE already holds the database's write lock for the whole transaction.
    protected override string LockRowsClause => "";

    protected override string? SchemaLockStatement => null;

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Wait for another writer (another node or thread on this file) instead of failing with SQLITE_BUSY.
            await connection.Sql(null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON")
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Not deferred: BEGIN IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read lock.
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    protected override bool IsActiveAlarmConflict(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed } sqlite
        && sqlite.Message.Contains("work_orders.alarm_key", StringComparison.Ordinal);

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.Sql(null, "PRAGMA journal_mode = WAL").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
    }
}
