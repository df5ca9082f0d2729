using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class AggregateConditionTests : IDisposable
{
    private readonly ConditionFixture _fixture = new();

    private static RuleDefinition Pm25(AggregateGrouping groupBy = AggregateGrouping.Zone) =>
        With(new AggregateCondition("pm25_ugm3", AggregateKind.Mean, groupBy, Minutes(10), ComparisonOperator.Greater, 75, Minutes(30)), kind: "park");

    private static RuleDefinition Occupancy() =>
        With(new AggregateCondition("occupied", AggregateKind.Mean, AggregateGrouping.Zone, Minutes(5), ComparisonOperator.Greater, 0.95, Minutes(5)), kind: "parking");

    private static TelemetryField[] Pm(double value) => [TelemetryField.OfNumber("pm25_ugm3", value)];

    [Fact]
    public async Task AZoneWhoseMeanExceedsTheBoundInEveryWindowHoldsAndItsSubjectIsTheZone()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(29), Minutes(1), _ => Pm(90));
        await _fixture.ReadingsAsync("park-2", Minutes(29), Minutes(1), _ => Pm(70));
        await _fixture.ReadingsAsync("park-3", Minutes(29), Minutes(1), _ => Pm(20));

        var observations = await _fixture.EvaluateAsync(Pm25());

        var north = observations.Single(o => o.Subject == "north-park");
        Assert.True(north.ConditionHolds, north.Detail);
        Assert.Equal(new ParkCommunity.Rules.Alarms.SubjectLocation(TestCommunity.Site, "north", "north-park", null, "park"), north.Location);
        Assert.StartsWith("mean pm25_ugm3 80 over the last 10m; last 3 windows: 80, 80, 80", north.Detail, StringComparison.Ordinal);
        Assert.False(observations.Single(o => o.Subject == "south-park").ConditionHolds);
        Assert.Equal(2, observations.Count);
    }

    [Fact]
    public async Task OneWindowAtOrBelowTheBoundMeansItDoesNotHold()
    {
        // The middle window (10–20 minutes ago) is clean.
        await _fixture.ReadingsAsync("park-1", Minutes(29), Minutes(1), ago => Pm(ago >= Minutes(10) && ago < Minutes(20) ? 60 : 90));

        var observation = await _fixture.EvaluateAsync(Pm25(), "north-park");

        Assert.False(observation.ConditionHolds);
        Assert.Contains("last 3 windows: 90, 60, 90", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadingExactlyOnAWindowBoundaryBelongsToTheOlderWindow()
    {
        // Window 0 is (t − 10m, t]: a reading at exactly t − 10m is the newest of window 1.
        await _fixture.ReadingAsync("park-1", Minutes(25), Pm(90));
        await _fixture.ReadingAsync("park-1", Minutes(10), Pm(10));
        await _fixture.ReadingAsync("park-1", Minutes(1), Pm(90));

        var observation = await _fixture.EvaluateAsync(Pm25(), "north-park");

        Assert.Contains("last 3 windows: 90, 10, 90", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWindowWithoutReadingsMeansItDoesNotHold()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(9), Minutes(1), _ => Pm(90));

        var observation = await _fixture.EvaluateAsync(Pm25(), "north-park");

        Assert.False(observation.ConditionHolds);
        Assert.Contains("none, none, 90", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BooleansCountAsZeroOrOneSoTheMeanOfOccupiedIsTheOccupancy()
    {
        foreach (var spot in new[] { "spot-1", "spot-2", "spot-3" })
        {
            await _fixture.ReadingsAsync(spot, Minutes(4), Minutes(1), _ => [TelemetryField.OfBoolean("occupied", true)]);
        }

        await _fixture.ReadingsAsync("spot-4", Minutes(4), Minutes(1), ago => [TelemetryField.OfBoolean("occupied", ago < Minutes(2))]);

        var observations = await _fixture.EvaluateAsync(Occupancy());

        Assert.True(observations.Single(o => o.Subject == "north-carpark").ConditionHolds);
        var south = observations.Single(o => o.Subject == "south-carpark");
        Assert.False(south.ConditionHolds);
        Assert.StartsWith("mean occupied 0.4 over the last 5m", south.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupingByGridMakesTheGridsTheSubjects()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(29), Minutes(1), _ => Pm(80));
        await _fixture.ReadingsAsync("park-3", Minutes(29), Minutes(1), _ => Pm(80));

        var observations = await _fixture.EvaluateAsync(Pm25(AggregateGrouping.Grid));

        Assert.Equal(["north", "south"], observations.Select(o => o.Subject).Order(StringComparer.Ordinal));
        Assert.All(observations, o => Assert.True(o.ConditionHolds, o.Detail));
        Assert.Null(observations[0].Location.Zone);
    }

    public void Dispose() => _fixture.Dispose();
}
