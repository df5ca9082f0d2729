using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.Rules.Alarms.Storage.Sqlite;

/// <summary>
/// The default, single-machine alarm store: one SQLite file in WAL mode (readers never wait for the writer). Several
/// store instances may share the file; SQLite's single writer lock serialises their saves.
/// </summary>
public sealed class SqliteAlarmStore : SqlAlarmStore
{
    // SQLITE_CONSTRAINT_UNIQUE, https://www.sqlite.org/rescode.html#constraint_unique
    private const int UniqueConstraintFailed = 2067;
    private readonly string _connectionString;

    public SqliteAlarmStore(string databasePath, TimeProvider time, ILogger<SqliteAlarmStore> logger)
        : base(time, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = SqliteFiles.ConnectionString(DatabasePath);
    }

    public string DatabasePath { get; }

    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string? SchemaLockStatement => null;

    protected override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        SqliteFiles.OpenAsync(_connectionString, pragmas: null, cancellationToken);

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SqliteFiles.BeginWriteTransaction(connection));

    protected override bool IsDuplicateAlarm(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed } sqlite
        && sqlite.Message.Contains("alarms.rule_id", StringComparison.Ordinal);

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.Sql(null, "PRAGMA journal_mode = WAL").ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
    }
}
