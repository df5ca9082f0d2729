using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Routing;

/// <summary>Routing over the sample community's roster; tianfu-park is on Asia/Shanghai time (UTC+8).</summary>
public sealed class WorkOrderRouterTests
{
    private static readonly string SampleRoster = Path.Combine(
        AppContext.BaseDirectory, "sample-community", "crews.yaml");

    private readonly FakeTimeProvider _time = new();
    private readonly WorkOrderRouter _router;

    public WorkOrderRouterTests() => _router = new WorkOrderRouter(CrewRosterLoader.Load(SampleRoster), _time);

    /// <summary>Sets the clock to a Shanghai local time; 2026-03-16 is a Monday.</summary>
    private void At(int day, int hour, int minute = 0) =>
        _time.SetUtcNow(new DateTimeOffset(2026, 3, day, hour, minute, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void ADarkLightByDayGoesToTheDayElectricians()
    {
        At(16, 10);
        Assert.Equal("electricians-day", _router.Route(WorkOrderCategory.Electrical, "north").CrewId);
    }

    [Theory]
    [InlineData(16, 20, 0)]
    [InlineData(16, 23, 30)]
    [InlineData(17, 3, 0)]
    [InlineData(17, 7, 59)]
    public void ADarkLightAtNightGoesToTheOnCallCrew(int day, int hour, int minute)
    {
        At(day, hour, minute);
        Assert.Equal("night-on-call", _router.Route(WorkOrderCategory.Electrical, "central").CrewId);
    }

    [Fact]
    public void TheMostLocalCrewOnShiftWinsATie()
    {
        At(16, 12);
        Assert.Equal("parking-south", _router.Route(WorkOrderCategory.Parking, "south").CrewId);
        Assert.Equal("security-patrol", _router.Route(WorkOrderCategory.Parking, "north").CrewId);
    }

    [Fact]
    public void WithNobodySkilledOnShiftTheGridDefaultCrewGetsTheOrderWithAReason()
    {
        At(21, 10); // Saturday: gardeners work weekdays only
        var decision = _router.Route(WorkOrderCategory.Gardening, "central");

        Assert.Equal("night-on-call", decision.CrewId);
        Assert.Equal("No crew on shift for gardening in grid central at Sat 10:00 local time; grid default night-on-call", decision.Reason);
    }

    [Fact]
    public void AGridWithoutCrewOrDefaultStaysUnassignedWithAReason()
    {
        At(16, 10);
        var decision = _router.Route(WorkOrderCategory.Electrical, "west");

        Assert.False(decision.IsAssigned);
        Assert.Contains("grid west has no default crew", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShiftsAreReadInTheSitesTimeZone()
    {
        // 01:00 UTC is 09:00 in Shanghai: day shift, although it is night in UTC.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 16, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal("electricians-day", _router.Route(WorkOrderCategory.Electrical, "south").CrewId);
    }
}
