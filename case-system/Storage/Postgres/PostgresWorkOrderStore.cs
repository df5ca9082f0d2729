using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Storage.Postgres;

/// <summary>
/// The production case store, shared by every node. The data source is owned by the caller (the DI container
/// disposes it), so several stores — or other components — may share one connection pool.
/// </summary>
public sealed class PostgresWorkOrderStore : SqlWorkOrderStore
{
    // Any fixed number works; it only has to be the same on every node and not used by another component.
    private const long SchemaMigrationLockKey = 0x5043_4341_5345; // "PCCASE"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresWorkOrderStore(
        NpgsqlDataSource dataSource, TimeProvider time, SlaPolicy sla, ILogger<PostgresWorkOrderStore> logger, CaseSystemMetrics metrics)
        : base(time, sla, logger, metrics) =>
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    protected override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override string LockRowsClause => " FOR UPDATE";

    // Two nodes starting together would otherwise race on CREATE TABLE; the lock is released at commit.
    protected override string? SchemaLockStatement => $"SELECT pg_advisory_xact_lock({SchemaMigrationLockKey})";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    protected override bool IsActiveAlarmConflict(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_work_orders_active_alarm" };
}
