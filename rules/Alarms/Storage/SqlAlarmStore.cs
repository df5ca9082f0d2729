using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.Rules.Alarms.Storage;

/// <summary>
/// The alarm store over plain ADO.NET and portable SQL. SQLite and PostgreSQL differ only in how a connection and a
/// write transaction are opened, how a second raise for the same rule and subject shows up as an error, and the
/// identity column, which the sealed subclasses supply. This file holds the writes; SqlAlarmStore.Reads.cs the queries.
/// </summary>
public abstract partial class SqlAlarmStore : IAlarmStore
{
    public const int MaxActorLength = 128;

    private const string Columns =
        "id, rule_id, subject, rule_name, site, grid, zone, device, kind, severity, status, raised_at, last_held_at, " +
        "clearing_since, detail, acknowledged_by, acknowledged_at, work_order_pending, work_order_id, version";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    protected SqlAlarmStore(TimeProvider time, ILogger logger)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Column type of an auto-increment primary key.</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>A statement that serialises schema migration across nodes, or null when the write transaction already does.</summary>
    protected abstract string? SchemaLockStatement { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that writes; on engines with a single writer it takes the write lock up front.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>True when the error is the unique key on (rule, subject) refusing a second current alarm.</summary>
    protected abstract bool IsDuplicateAlarm(DbException exception);

    /// <summary>Database-wide settings that cannot be changed inside a transaction; runs before migration.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var current = await SchemaMigrations.ApplyAsync(
                        connection, transaction, SchemaLockStatement, "alarm_schema", "alarm", AlarmSchema.LatestVersion, version => AlarmSchema.StatementsFor(version, IdentityColumn),
                        _time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                _logger.AlarmSchemaReady(AlarmSchema.LatestVersion, AlarmSchema.LatestVersion - current);
            }
        }
    }

    public async Task SaveAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (transitions.Count == 0)
        {
            return;
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var transition in transitions)
                {
                    var task = transition.Kind switch
                    {
                        AlarmTransitionKind.Raised => InsertAsync(connection, transaction, transition, cancellationToken),
                        AlarmTransitionKind.Updated => UpdateAsync(connection, transaction, transition.Alarm, cancellationToken),
                        AlarmTransitionKind.Cleared => DeleteAsync(connection, transaction, transition, cancellationToken),
                        _ => throw new ArgumentOutOfRangeException(nameof(transitions), transition.Kind, "Unknown alarm transition."),
                    };
                    await task.ConfigureAwait(false);
                }

                // Disposing without commit rolls everything back when any write above threw.
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task MarkWorkOrderOpenedAsync(string alarmId, string? workOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.Sql(null, "UPDATE alarms SET work_order_pending = 0, work_order_id = @workOrder WHERE id = @id")
                .With("@workOrder", workOrderId).With("@id", alarmId)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ClearNotedAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.Sql(null, "DELETE FROM alarm_clear_notes WHERE alarm_id = @id").With("@id", alarmId)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Alarm> AcknowledgeAsync(string alarmId, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (by.Length > MaxActorLength)
        {
            throw new ArgumentException($"Acknowledging person '{by[..20]}…' is longer than {MaxActorLength} characters.", nameof(by));
        }

        var alarm = await GetAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw AlarmNotFoundException.For(alarmId);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!AlarmStateMachine.TryAcknowledge(alarm, by, now, out var acknowledged))
        {
            return alarm;
        }

        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Only the acknowledgement columns, and only if nobody acknowledged first: the engine's own writes never
                // touch these, so neither side can overwrite the other.
                var written = await connection
                    .Sql(transaction, "UPDATE alarms SET acknowledged_by = @by, acknowledged_at = @at WHERE id = @id AND acknowledged_by IS NULL")
                    .With("@by", by).With("@at", now.ToUnixTimeMilliseconds()).With("@id", alarmId)
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                if (written == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return await GetAsync(alarmId, cancellationToken).ConfigureAwait(false) ?? throw AlarmNotFoundException.For(alarmId);
                }

                await AppendHistoryAsync(
                        connection, transaction, acknowledged, AlarmHistoryKind.Acknowledged, now, detail: null, actor: by, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _logger.AlarmAcknowledged(acknowledged.Id, acknowledged.RuleId, acknowledged.Subject, by);
                return acknowledged;
            }
        }
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, AlarmTransition transition, CancellationToken cancellationToken)
    {
        var alarm = transition.Alarm;
        try
        {
            await connection.Sql(transaction, $"INSERT INTO alarms ({Columns}) VALUES (@id, @rule, @subject, @ruleName, @site, @grid, " +
                    "@zone, @device, @kind, @severity, @status, @raisedAt, @lastHeldAt, @clearingSince, @detail, @ackBy, @ackAt, " +
                    "@pending, @workOrder, @version)")
                .With("@id", alarm.Id).With("@rule", alarm.RuleId).With("@subject", alarm.Subject)
                .WithEngineColumns(alarm)
                .With("@raisedAt", Millis(alarm.RaisedAt))
                .With("@ackBy", alarm.AcknowledgedBy).With("@ackAt", alarm.AcknowledgedAt is { } ackAt ? Millis(ackAt) : null)
                .With("@pending", alarm.WorkOrderPending ? 1 : 0).With("@workOrder", alarm.WorkOrderId)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (IsDuplicateAlarm(exception))
        {
            throw new AlarmConcurrencyException(alarm.RuleId, alarm.Subject, "was raised already by another writer");
        }

        await AppendHistoryAsync(connection, transaction, alarm, AlarmHistoryKind.Raised, alarm.RaisedAt, transition.Detail, null, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, Alarm alarm, CancellationToken cancellationToken)
    {
        var written = await connection.Sql(transaction, "UPDATE alarms SET rule_name = @ruleName, site = @site, grid = @grid, zone = @zone, " +
                "device = @device, kind = @kind, severity = @severity, status = @status, last_held_at = @lastHeldAt, " +
                "clearing_since = @clearingSince, detail = @detail, version = @version WHERE id = @id AND version = @previous")
            .WithEngineColumns(alarm)
            .With("@id", alarm.Id).With("@previous", alarm.Version - 1)
            .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        if (written != 1)
        {
            throw new AlarmConcurrencyException(alarm.RuleId, alarm.Subject, $"is no longer at version {alarm.Version - 1}");
        }
    }

    private static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, AlarmTransition transition, CancellationToken cancellationToken)
    {
        var alarm = transition.Alarm;
        var clearedAt = alarm.ClearedAt ?? throw new ArgumentException($"Cleared alarm {alarm.Id} has no ClearedAt.", nameof(transition));

        // Kept as it was (with the acknowledgement and work order only the stored row has) before it leaves the current alarms.
        await connection.Sql(transaction, $"INSERT INTO cleared_alarms ({Columns}, cleared_at) " +
                $"SELECT {Columns}, @clearedAt FROM alarms WHERE id = @id AND version = @previous")
            .With("@id", alarm.Id).With("@previous", alarm.Version - 1).With("@clearedAt", Millis(clearedAt))
            .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        var written = await connection.Sql(transaction, "DELETE FROM alarms WHERE id = @id AND version = @previous")
            .With("@id", alarm.Id).With("@previous", alarm.Version - 1)
            .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        if (written != 1)
        {
            throw new AlarmConcurrencyException(alarm.RuleId, alarm.Subject, $"is no longer at version {alarm.Version - 1}");
        }

        await AppendHistoryAsync(connection, transaction, alarm, AlarmHistoryKind.Cleared, clearedAt, transition.Detail, null, cancellationToken)
            .ConfigureAwait(false);
        await connection.Sql(transaction, "INSERT INTO alarm_clear_notes (alarm_id, rule_id, subject, cleared_at, detail) " +
                "VALUES (@id, @rule, @subject, @at, @detail)")
            .With("@id", alarm.Id).With("@rule", alarm.RuleId).With("@subject", alarm.Subject)
            .With("@at", Millis(clearedAt)).With("@detail", transition.Detail)
            .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(int HistoryEntries, int ClearedAlarms)> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var history = await connection.Sql(transaction, "DELETE FROM alarm_history WHERE at < @before AND alarm_id NOT IN (SELECT id FROM alarms)")
                    .With("@before", Millis(before)).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                var cleared = await connection.Sql(transaction, "DELETE FROM cleared_alarms WHERE cleared_at < @before")
                    .With("@before", Millis(before)).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (history, cleared);
            }
        }
    }

    private static Task<int> AppendHistoryAsync(
        DbConnection connection,
        DbTransaction transaction,
        Alarm alarm,
        AlarmHistoryKind kind,
        DateTimeOffset at,
        string? detail,
        string? actor,
        CancellationToken cancellationToken) =>
        connection.Sql(transaction, "INSERT INTO alarm_history (alarm_id, rule_id, subject, kind, at, severity, detail, actor) " +
                "VALUES (@id, @rule, @subject, @kind, @at, @severity, @detail, @actor)")
            .With("@id", alarm.Id).With("@rule", alarm.RuleId).With("@subject", alarm.Subject)
            .With("@kind", AlarmWireNames.Of(kind)).With("@at", Millis(at)).With("@severity", AlarmWireNames.Of(alarm.Severity))
            .With("@detail", detail).With("@actor", actor)
            .ExecuteAndDisposeAsync(cancellationToken);

    private static long Millis(DateTimeOffset at) => at.ToUnixTimeMilliseconds();
}
