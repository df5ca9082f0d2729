using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Calendars;
using ParkCommunity.Rules.WorkOrders;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// One rule as read from a rule file (format: docs/rules.md): which devices it watches, what it looks for, how often,
/// when it is active, and what it raises. <see cref="SourceFile"/> and <see cref="SourceLine"/> say where it was written.
/// </summary>
public sealed record RuleDefinition(
    string Id,
    string Name,
    bool Enabled,
    RuleSelector Selector,
    RuleCondition Condition,
    TimeSpan Every,
    ActiveSchedule? Active,
    AlarmSeverity Severity,
    TimeSpan ClearAfter,
    WorkOrderTemplate? WorkOrder,
    string SourceFile,
    int SourceLine)
{
    public override string ToString() => $"rule \"{Id}\" ({SourceFile}:{SourceLine})";
}

/// <summary>
/// Which registered devices a rule watches. Every criterion given must match (kind AND site AND grid …); a list matches
/// any of its entries; tags must all be present with the given values. An empty selector selects every device.
/// </summary>
public sealed record RuleSelector(
    string? Kind,
    string? Site,
    IReadOnlyList<string> Grids,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> Devices,
    IReadOnlyDictionary<string, string> Tags)
{
    public static RuleSelector Everything { get; } = new(null, null, [], [], [], new Dictionary<string, string>());
}

/// <summary>
/// When a rule is active, in its site's time zone: while <see cref="Cron"/> matches the current minute (when given) and
/// the day is not in <see cref="ExceptCalendar"/> (when given).
/// </summary>
public sealed record ActiveSchedule(string? Cron, RuleCalendar? ExceptCalendar);

