using System.Data.Common;
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
    private readonly string _connectionString;

    public SqliteWorkOrderStore(
        string databasePath, TimeProvider time, SlaPolicy sla, ILogger<SqliteWorkOrderStore> logger, CaseSystemMetrics metrics)
        : base(time, sla, logger, metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = SqliteFiles.ConnectionString(DatabasePath);
    }

    public string DatabasePath { get; }

    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    // BEGIN IMMEDIATE already holds the database's write lock for the whole transaction.
    protected override string LockRowsClause => "";

    protected override string? SchemaLockStatement => null;

    protected override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        SqliteFiles.OpenAsync(_connectionString, "PRAGMA foreign_keys = ON", cancellationToken);

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SqliteFiles.BeginWriteTransaction(connection));

    protected override bool IsActiveAlarmConflict(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed } sqlite
        && sqlite.Message.Contains("work_orders.alarm_key", StringComparison.Ordinal);

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.Sql(null, "PRAGMA journal_mode = WAL").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
    }
}
