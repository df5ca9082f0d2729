using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class RateOfChangeConditionTests : IDisposable
{
    private readonly ConditionFixture _fixture = new();

    private static RuleDefinition FallingFast(double? below = -3, double? above = null) =>
        With(new RateOfChangeCondition("soil_moisture_pct", below, above, Minutes(60)), kind: "park");

    private static TelemetryField[] Soil(double percent) => [TelemetryField.OfNumber("soil_moisture_pct", percent)];

    [Fact]
    public async Task SoilDryingFasterThanTheBoundHolds()
    {
        // 40 % an hour ago, losing 6 % per hour.
        await _fixture.ReadingsAsync("park-1", Minutes(60), Minutes(5), ago => Soil(34 + (6 * ago.TotalHours)));

        var observation = await _fixture.EvaluateAsync(FallingFast(), "park-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
        Assert.StartsWith("soil_moisture_pct -6/h over 1h (13 readings, now 34", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryDryingInTheSunDoesNotHold()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(60), Minutes(5), ago => Soil(30 + (0.6 * ago.TotalHours)));

        var observation = await _fixture.EvaluateAsync(FallingFast(), "park-1");

        Assert.False(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task AnUpperBoundCatchesFastRises()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(60), Minutes(5), ago => Soil(40 - (15 * ago.TotalHours)));

        var observation = await _fixture.EvaluateAsync(FallingFast(below: -3, above: 10), "park-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task ReadingsCoveringLessThanHalfTheWindowAreTooFewToJudge()
    {
        await _fixture.ReadingsAsync("park-1", Minutes(20), Minutes(5), ago => Soil(30 + (20 * ago.TotalHours)));

        var observation = await _fixture.EvaluateAsync(FallingFast(), "park-1");

        Assert.False(observation.ConditionHolds);
        Assert.Contains("too few readings (5)", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSlopeIsALeastSquaresFitSoOneNoisyEndReadingDoesNotDominate()
    {
        // An hour of readings every 5 minutes, flat at 30 but for one spike to 40 at the start: first-to-last would say
        // -10/h and cross a -5/h bound; the fit says about -4/h.
        (double, double)[] samples = [(0, 40), .. Enumerable.Range(1, 12).Select(i => (i / 12.0, 30.0))];

        var slope = RateOfChangeEvaluation.Slope(samples);

        Assert.Equal(-3.956, slope!.Value, 3);
        Assert.Null(RateOfChangeEvaluation.Slope([(0.5, 1), (0.5, 2)]));
    }

    public void Dispose() => _fixture.Dispose();
}
