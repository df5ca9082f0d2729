using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Routing;

/// <summary>Who should get a new work order; <see cref="CrewId"/> is null when nobody fits, and <see cref="Reason"/> says why.</summary>
public sealed record RoutingDecision(string? CrewId, string Reason)
{
    public bool IsAssigned => CrewId is not null;
}

/// <summary>
/// Picks the crew for a new work order: on shift now, skilled in its category, covering its grid. Pure apart from the
/// clock, so the same roster and time always give the same crew.
/// </summary>
public sealed class WorkOrderRouter(CrewRoster roster, TimeProvider time)
{
    public RoutingDecision Route(WorkOrderCategory category, string grid) => Route(category, grid, time.GetUtcNow());

    public RoutingDecision Route(WorkOrderCategory category, string grid, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var local = TimeZoneInfo.ConvertTime(at, roster.TimeZone).DateTime;
        var onShift = roster.Crews
            .Where(crew => crew.Skills.Contains(category) && crew.Grids.Contains(grid) && crew.IsOnShift(local))
            // Deterministic tie-break: the most local crew (fewest grids) first, then by id.
            .OrderBy(crew => crew.Grids.Count)
            .ThenBy(crew => crew.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        var what = $"{WireNames.Of(category)} in grid {grid} at {local:ddd HH:mm} local time";
        if (onShift is not null)
        {
            return new RoutingDecision(onShift.Id, $"{onShift.Id} is on shift for {what}");
        }

        return roster.DefaultCrewByGrid.TryGetValue(grid, out var fallback)
            ? new RoutingDecision(fallback, $"No crew on shift for {what}; grid default {fallback}")
            : new RoutingDecision(null, $"No crew on shift for {what} and grid {grid} has no default crew");
    }
}
