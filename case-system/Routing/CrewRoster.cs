using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Routing;

/// <summary>The crews of one site, the local time zone their shifts are written in, and each grid's fallback crew.</summary>
public sealed record CrewRoster(TimeZoneInfo TimeZone, IReadOnlyList<Crew> Crews, IReadOnlyDictionary<string, string> DefaultCrewByGrid)
{
    /// <summary>Who answers for each grid when its work orders run late (SLA escalations go to them).</summary>
    public IReadOnlyDictionary<string, GridManager> ManagersByGrid { get; init; } = new Dictionary<string, GridManager>(StringComparer.Ordinal);

    public GridManager? ManagerOf(string grid) => ManagersByGrid.GetValueOrDefault(grid);
}

/// <summary>The manager of one grid: a name to address and an optional contact (phone, e-mail, pager id).</summary>
public sealed record GridManager(string Grid, string Name, string? Contact);

/// <summary>A crew: what it can do (<see cref="Skills"/>), where (<see cref="Grids"/>) and when (<see cref="Shifts"/>).</summary>
public sealed record Crew(
    string Id, string Name, IReadOnlySet<WorkOrderCategory> Skills, IReadOnlySet<string> Grids, IReadOnlyList<Shift> Shifts)
{
    public bool IsOnShift(DateTime localTime) => Shifts.Any(shift => shift.Covers(localTime));
}

/// <summary>
/// A weekly shift in site-local time. When <see cref="To"/> is not after <see cref="From"/> the shift runs past midnight
/// into the next day (a night crew's 20:00–08:00 belongs to the day it starts on); equal times mean the whole day.
/// </summary>
public sealed record Shift(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    public bool Covers(DateTime localTime)
    {
        var time = TimeOnly.FromDateTime(localTime);
        var day = localTime.DayOfWeek;
        if (From == To)
        {
            return Days.Contains(day);
        }

        if (From < To)
        {
            return Days.Contains(day) && time >= From && time < To;
        }

        var previousDay = (DayOfWeek)(((int)day + 6) % 7);
        return (Days.Contains(day) && time >= From) || (Days.Contains(previousDay) && time < To);
    }
}
