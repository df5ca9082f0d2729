using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

/// <summary>
/// Every condition kind once more, reading from the real InfluxDB of the test command instead of the embedded store: the
/// evaluations use only the reader port, and these show the production backend answers them the same way (booleans,
/// event measurements, latest points, paging).
/// </summary>
public sealed class ConditionsOnInfluxDbTests : IDisposable
{
    private readonly ConditionFixture _fixture = new(influxDb: true);

    [Fact]
    public async Task AThresholdHeldForItsDurationHolds()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(20), Minutes(1), _ => [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("power_w", 0.4)]);
        await _fixture.ReadingsAsync("light-2", Minutes(20), Minutes(1), _ => [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("power_w", 41)]);
        var rule = With(new ThresholdCondition([Compare("on == true"), Compare("power_w < 5")], Minutes(10)), kind: "light");

        var observations = await _fixture.EvaluateAsync(rule);

        Assert.True(observations.Single(o => o.Subject == "light-1").ConditionHolds);
        Assert.False(observations.Single(o => o.Subject == "light-2").ConditionHolds);
    }

    [Fact]
    public async Task AbsenceSeesSilenceNeverReportedAndOfflineStatus()
    {
        await _fixture.ReadingAsync("park-1", Minutes(15), TelemetryField.OfNumber("visitors", 1));
        await _fixture.ReadingAsync("park-2", Minutes(5), TelemetryField.OfNumber("visitors", 1));
        await _fixture.EventAsync("park-2", Minutes(1), "status", "offline");
        await _fixture.ReadingAsync("park-3", Minutes(1), TelemetryField.OfNumber("visitors", 1));
        var rule = With(new AbsenceCondition(Minutes(15), true), kind: "park");

        var observations = (await _fixture.EvaluateAsync(rule)).ToDictionary(o => o.Subject, o => o.Detail);

        Assert.StartsWith("silent for 15m", observations["park-1"], StringComparison.Ordinal);
        Assert.StartsWith("offline since", observations["park-2"], StringComparison.Ordinal);
        Assert.StartsWith("last heard", observations["park-3"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARateOfChangeIsFittedFromTheStoredReadings()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(60), Minutes(5), ago => [TelemetryField.OfNumber("soil_moisture_pct", 34 + (6 * ago.TotalHours))]);

        var observation = await _fixture.EvaluateAsync(With(new RateOfChangeCondition("soil_moisture_pct", -3, null, Minutes(60)), kind: "park"), "park-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task AnAggregateOfABooleanFieldCountsItAsZeroOrOne()
    {
        foreach (var spot in new[] { "spot-1", "spot-2", "spot-3" })
        {
            await _fixture.ReadingsAsync(spot, Minutes(4), Minutes(1), _ => [TelemetryField.OfBoolean("occupied", true)]);
        }

        var rule = With(new AggregateCondition("occupied", AggregateKind.Mean, AggregateGrouping.Zone, Minutes(5), ComparisonOperator.Greater, 0.95, Minutes(5)), kind: "parking");

        var observation = await _fixture.EvaluateAsync(rule, "north-carpark");

        Assert.True(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task AnEventIsFoundInItsEventMeasurement()
    {
        await _fixture.EventAsync("door-1", Seconds(2), "door_forced");

        var observation = await _fixture.EvaluateAsync(With(new EventCondition("door_forced", Seconds(10)), kind: "access"), "door-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
    }

    public void Dispose() => _fixture.Dispose();
}
