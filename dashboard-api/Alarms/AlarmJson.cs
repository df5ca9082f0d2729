using System.Text.Json.Serialization;
using ParkCommunity.Rules.Alarms;

namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>The alarm object of the API contract.</summary>
internal sealed record AlarmJson(
    string Id,
    string RuleId,
    string RuleName,
    string Subject,
    string Severity,
    string State,
    string Site,
    string? Grid,
    string? Zone,
    string? Device,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ClearedAt,
    string Detail,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? WorkOrderId)
{
    /// <summary>Only on <c>GET /api/alarms/{id}</c>: everything that happened to the alarm, oldest first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlarmHistoryJson>? History { get; init; }

    public const string Active = "active";
    public const string Clearing = "clearing";
    public const string Cleared = "cleared";

    public static AlarmJson Of(Alarm alarm, string? workOrderId = null)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var location = alarm.Location;
        return new AlarmJson(
            alarm.Id, alarm.RuleId, alarm.RuleName, alarm.Subject, SeverityName(alarm.Severity),
            alarm.ClearedAt is not null ? Cleared : alarm.Status == AlarmStatus.Clearing ? Clearing : Active,
            location.Site, location.Grid, location.Zone, location.Device,
            alarm.RaisedAt, alarm.LastHeldAt, alarm.ClearedAt, alarm.Detail, alarm.AcknowledgedBy, alarm.AcknowledgedAt,
            alarm.WorkOrderId ?? workOrderId);
    }

    /// <summary>The same alarm, now cleared at <paramref name="at"/>.</summary>
    public AlarmJson AsCleared(DateTimeOffset at) => this with { State = Cleared, ClearedAt = at };

    // Spelled out (as rules/Alarms/Storage/AlarmWireNames does) so renaming a C# member cannot change the wire.
    public static string SeverityName(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Info => "info",
        AlarmSeverity.Minor => "minor",
        AlarmSeverity.Major => "major",
        AlarmSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "No wire name for this severity."),
    };

    public static bool TryParseSeverity(string name, out AlarmSeverity severity)
    {
        foreach (var candidate in Enum.GetValues<AlarmSeverity>())
        {
            if (SeverityName(candidate) == name)
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }
}

/// <summary>One entry of an alarm's history on the wire.</summary>
internal sealed record AlarmHistoryJson(DateTimeOffset At, string Kind, string Severity, string? Detail, string? Actor)
{
    public static AlarmHistoryJson Of(AlarmHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var kind = entry.Kind switch
        {
            AlarmHistoryKind.Raised => "raised",
            AlarmHistoryKind.Acknowledged => "acknowledged",
            AlarmHistoryKind.Cleared => "cleared",
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Kind, "No wire name for this history kind."),
        };
        return new AlarmHistoryJson(entry.At, kind, AlarmJson.SeverityName(entry.Severity), entry.Detail, entry.Actor);
    }
}
