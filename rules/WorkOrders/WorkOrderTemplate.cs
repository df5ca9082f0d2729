using System.Text.RegularExpressions;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.Rules.WorkOrders;

/// <summary>
/// The work order a rule raises for each of its alarms. <see cref="Title"/> may name the alarm's particulars with
/// placeholders (<see cref="Placeholders"/>), e.g. <c>"Street light {device} dark"</c>; unknown placeholders are left
/// as written. <see cref="Sla"/> sets the due time from when the order opens; null uses the case system's SLA for the
/// priority.
/// </summary>
public sealed partial record WorkOrderTemplate(string Title, WorkOrderCategory Category, WorkOrderPriority Priority, TimeSpan? Sla)
{
    /// <summary>The case system's limit on a work order title; longer rendered titles are cut with an ellipsis.</summary>
    public const int MaxTitleLength = 200;

    public static IReadOnlyList<string> Placeholders { get; } =
        ["{rule}", "{subject}", "{detail}", "{severity}", "{site}", "{grid}", "{zone}", "{device}", "{kind}"];

    /// <summary>Every problem with the template, each naming its property; for the rule loader to report with file and rule.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            problems.Add("Title is empty");
        }
        else
        {
            // A misspelt placeholder would otherwise reach every crew's work order list as literal braces.
            foreach (var unknown in PlaceholderPattern().Matches(Title).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct())
            {
                problems.Add($"Title uses unknown placeholder {unknown} (known: {string.Join(", ", Placeholders)})");
            }
        }

        if (!Enum.IsDefined(Category))
        {
            problems.Add($"Category {(int)Category} is unknown");
        }

        if (!Enum.IsDefined(Priority))
        {
            problems.Add($"Priority {(int)Priority} is unknown");
        }

        if (Sla is { } sla && (sla <= TimeSpan.Zero || sla > TimeSpan.FromDays(365)))
        {
            problems.Add($"Sla must be more than zero and at most 365 days, not {sla}");
        }

        return problems;
    }

    [GeneratedRegex(@"\{[A-Za-z_]+\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>The title for one alarm, placeholders filled in (absent location parts become empty).</summary>
    public string RenderTitle(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var title = Title
            .Replace("{rule}", alarm.RuleName, StringComparison.Ordinal)
            .Replace("{subject}", alarm.Subject, StringComparison.Ordinal)
            .Replace("{detail}", alarm.Detail, StringComparison.Ordinal)
            .Replace("{severity}", AlarmWireNames.Of(alarm.Severity), StringComparison.Ordinal)
            .Replace("{site}", alarm.Location.Site, StringComparison.Ordinal)
            .Replace("{grid}", alarm.Location.Grid ?? "", StringComparison.Ordinal)
            .Replace("{zone}", alarm.Location.Zone ?? "", StringComparison.Ordinal)
            .Replace("{device}", alarm.Location.Device ?? "", StringComparison.Ordinal)
            .Replace("{kind}", alarm.Location.Kind ?? "", StringComparison.Ordinal)
            .Trim();
        return title.Length <= MaxTitleLength ? title : string.Concat(title.AsSpan(0, MaxTitleLength - 1), "…");
    }
}
