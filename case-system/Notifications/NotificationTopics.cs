using System.Text.RegularExpressions;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Where a change is published: the assigned crew's topic, or the site's unassigned topic when no crew has it yet;
/// escalations also go to the grid manager's topic.
/// </summary>
public static partial class NotificationTopics
{
    // Crew ids come from the roster, but AssignAsync takes any string; one that is not a safe topic level (a '/', '+'
    // or '#') must not turn into another topic or a wildcard, so such an order goes to the unassigned topic.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TopicLevel();

    public static IReadOnlyList<string> For(string prefix, WorkOrderChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var site = change.Order.Location.Site;
        var crew = change.Order.Assignee?.CrewId;
        var topics = new List<string>(2)
        {
            crew is not null && TopicLevel().IsMatch(crew) ? $"{prefix}/{site}/crews/{crew}/workorders" : $"{prefix}/{site}/workorders/unassigned",
        };
        if (change.Kind == TimelineKind.Escalated)
        {
            topics.Add($"{prefix}/{site}/managers/{change.Order.Location.Grid}/escalations");
        }

        return topics;
    }
}
