using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ParkCommunity.Rules.Alarms.Storage.Postgres;

/// <summary>
/// The production alarm store, shared by every rule-engine node. The data source is owned by the caller (the DI
/// container disposes it), so the alarm store may share a connection pool with other components.
/// </summary>
public sealed class PostgresAlarmStore : SqlAlarmStore
{
    // Any fixed number works; it only has to be the same on every node and not used by another component.
    private const long SchemaMigrationLockKey = 0x5043_414C_524D; // "PCALRM"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAlarmStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PostgresAlarmStore> logger)
        : base(time, logger) =>
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    protected override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    // Two nodes starting together would otherwise race on CREATE TABLE; the lock is released at commit.
    protected override string? SchemaLockStatement => $"SELECT pg_advisory_xact_lock({SchemaMigrationLockKey})";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // Read committed is enough: every write is conditional (version, unique key), and PostgreSQL re-checks the
    // condition against the committed row when a concurrent writer held it.
    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    protected override bool IsDuplicateAlarm(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_alarms_rule_subject" };
}
