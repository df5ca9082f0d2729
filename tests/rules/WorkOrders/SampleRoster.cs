using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.WorkOrders;

/// <summary>
/// The sample community's real crew roster, read from the checkout. tianfu-park is on Asia/Shanghai time (UTC+8):
/// electricians-day work 08:00–20:00 local, night-on-call the rest; grid "east" is in nobody's roster.
/// </summary>
public static class SampleRoster
{
    public static CrewRoster Load() => CrewRosterLoader.Load(RepositoryRoot.File("deploy", "sample-community", "crews.yaml"));

    /// <summary>Saturday 2026-03-14 10:00 in tianfu-park: the day electricians are on shift.</summary>
    public static DateTimeOffset DayShift { get; } = new(2026, 3, 14, 10, 0, 0, TimeSpan.FromHours(8));
}
