using System.Data.Common;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.Rules.Alarms.Storage;

/// <summary>The read side of <see cref="SqlAlarmStore"/>: current alarms for the engine and the dashboard, and the history.</summary>
public abstract partial class SqlAlarmStore
{
    private const string HistoryColumns = "seq, alarm_id, rule_id, subject, kind, at, severity, detail, actor";

    // Most severe first; spelled out because the stored names do not sort by severity.
    private const string SeverityRank =
        "CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END";

    public async Task<IReadOnlyList<Alarm>> LoadRuleAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql(null, $"SELECT {Columns} FROM alarms WHERE rule_id = @rule ORDER BY subject")
                .With("@rule", ruleId)
                .ReadAndDisposeAsync(ReadAlarm, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> ListRulesWithAlarmsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql(null, "SELECT DISTINCT rule_id FROM alarms ORDER BY rule_id")
                .ReadAndDisposeAsync(reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<AlarmClearNote>> LoadClearNotesAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection
                .Sql(null, "SELECT alarm_id, rule_id, subject, cleared_at, detail FROM alarm_clear_notes WHERE rule_id = @rule ORDER BY cleared_at, alarm_id")
                .With("@rule", ruleId)
                .ReadAndDisposeAsync(
                    reader => new AlarmClearNote(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4)),
                    cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public async Task<Alarm?> GetAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var alarms = await connection.Sql(null, $"SELECT {Columns} FROM alarms WHERE id = @id").With("@id", alarmId)
                .ReadAndDisposeAsync(ReadAlarm, cancellationToken).ConfigureAwait(false);
            return alarms.SingleOrDefault();
        }
    }

    public async Task<IReadOnlyList<Alarm>> ListCurrentAsync(AlarmQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Sql(null, "");
            command.CommandText = $"SELECT {Columns} FROM alarms{Filter(command, query, [])} ORDER BY {SeverityRank}, raised_at, id LIMIT @take OFFSET @skip";
            command.With("@take", query.Take).With("@skip", query.Skip);
            return await command.ReadAndDisposeAsync(ReadAlarm, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Alarm>> ListClearedAsync(AlarmQuery query, DateTimeOffset clearedSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Sql(null, "").With("@since", clearedSince.ToUnixTimeMilliseconds());
            command.CommandText = $"SELECT {Columns}, cleared_at FROM cleared_alarms{Filter(command, query, ["cleared_at >= @since"])} " +
                "ORDER BY cleared_at DESC, id LIMIT @take OFFSET @skip";
            command.With("@take", query.Take).With("@skip", query.Skip);
            return await command.ReadAndDisposeAsync(ReadClearedAlarm, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Alarm?> GetClearedAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var alarms = await connection.Sql(null, $"SELECT {Columns}, cleared_at FROM cleared_alarms WHERE id = @id").With("@id", alarmId)
                .ReadAndDisposeAsync(ReadClearedAlarm, cancellationToken).ConfigureAwait(false);
            return alarms.Count == 0 ? null : alarms[0];
        }
    }

    public async Task<IReadOnlyList<AlarmHistoryEntry>> GetHistoryAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmId);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql(null, $"SELECT {HistoryColumns} FROM alarm_history WHERE alarm_id = @id ORDER BY seq")
                .With("@id", alarmId)
                .ReadAndDisposeAsync(ReadHistory, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<AlarmHistoryEntry>> GetSubjectHistoryAsync(
        string subject, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, AlarmQuery.MaxTake);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql(null, $"SELECT {HistoryColumns} FROM alarm_history WHERE subject = @subject ORDER BY seq DESC LIMIT @take")
                .With("@subject", subject).With("@take", take)
                .ReadAndDisposeAsync(ReadHistory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The WHERE clause for <paramref name="query"/>'s filters and any <paramref name="more"/> conditions, its parameters added to <paramref name="command"/>.</summary>
    private static string Filter(DbCommand command, AlarmQuery query, List<string> more)
    {
        var where = new List<string>(more);
        void Equal(string column, string? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{column}");
                command.With("@" + column, value);
            }
        }

        Equal("site", query.Site);
        Equal("grid", query.Grid);
        Equal("zone", query.Zone);
        Equal("rule_id", query.RuleId);
        Equal("subject", query.Subject);
        if (query.Severities is { Count: > 0 } severities)
        {
            where.Add($"severity IN ({command.WithList("@severity", severities.Select(AlarmWireNames.Of))})");
        }

        if (query.Acknowledged is { } acknowledged)
        {
            where.Add(acknowledged ? "acknowledged_by IS NOT NULL" : "acknowledged_by IS NULL");
        }

        return where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
    }

    /// <summary>A row of cleared_alarms: the alarm's columns, then when it cleared.</summary>
    private static Alarm ReadClearedAlarm(DbDataReader reader) => ReadAlarm(reader) with { ClearedAt = Time(reader.GetInt64(20)) };

    private static Alarm ReadAlarm(DbDataReader reader)
    {
        string? Optional(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTimeOffset? OptionalTime(int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

        return new Alarm(
            Id: reader.GetString(0),
            RuleId: reader.GetString(1),
            Subject: reader.GetString(2),
            RuleName: reader.GetString(3),
            Location: new SubjectLocation(reader.GetString(4), Optional(5), Optional(6), Optional(7), Optional(8)),
            Severity: AlarmWireNames.ParseSeverity(reader.GetString(9)),
            Status: AlarmWireNames.ParseStatus(reader.GetString(10)),
            RaisedAt: Time(reader.GetInt64(11)),
            LastHeldAt: Time(reader.GetInt64(12)),
            ClearingSince: OptionalTime(13),
            Detail: reader.GetString(14),
            AcknowledgedBy: Optional(15),
            AcknowledgedAt: OptionalTime(16),
            WorkOrderPending: reader.GetInt32(17) != 0,
            WorkOrderId: Optional(18),
            Version: reader.GetInt32(19));
    }

    private static AlarmHistoryEntry ReadHistory(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        AlarmWireNames.ParseHistoryKind(reader.GetString(4)),
        Time(reader.GetInt64(5)),
        AlarmWireNames.ParseSeverity(reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}

/// <summary>The columns the rule engine owns, bound the same way for insert and update.</summary>
internal static class AlarmColumnBinding
{
    public static DbCommand WithEngineColumns(this DbCommand command, Alarm alarm) => command
        .With("@ruleName", alarm.RuleName)
        .With("@site", alarm.Location.Site).With("@grid", alarm.Location.Grid).With("@zone", alarm.Location.Zone)
        .With("@device", alarm.Location.Device).With("@kind", alarm.Location.Kind)
        .With("@severity", AlarmWireNames.Of(alarm.Severity)).With("@status", AlarmWireNames.Of(alarm.Status))
        .With("@lastHeldAt", alarm.LastHeldAt.ToUnixTimeMilliseconds())
        .With("@clearingSince", alarm.ClearingSince?.ToUnixTimeMilliseconds())
        .With("@detail", alarm.Detail)
        .With("@version", alarm.Version);
}
