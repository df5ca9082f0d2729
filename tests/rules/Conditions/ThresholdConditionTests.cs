using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class ThresholdConditionTests : IDisposable
{
    private readonly ConditionFixture _fixture = new();

    private static RuleDefinition LampFailure() => With(new ThresholdCondition([Compare("on == true"), Compare("power_w < 5")], Minutes(10)), kind: "light");

    private static TelemetryField[] Lit(double watts) => [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("power_w", watts)];

    [Fact]
    public async Task HoldsWhenEveryReadingOfTheSpanAndTheOneBeforeItSatisfyEveryComparison()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(20), Seconds(30), _ => Lit(0.4));

        var observation = await _fixture.EvaluateAsync(LampFailure(), "light-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
        Assert.StartsWith("on=true, power_w=0.4", observation.Detail, StringComparison.Ordinal);
        Assert.Equal(new ParkCommunity.Rules.Alarms.SubjectLocation(TestCommunity.Site, "north", "north-street", "light-1", "light"), observation.Location);
    }

    [Fact]
    public async Task HoldsExactlyWhenTheStateHasLastedForTheWholeSpan()
    {
        // Lit until 10 minutes ago, dark from then on: the dark state began exactly at the span's start.
        await _fixture.ReadingsAsync("light-1", Minutes(20), Seconds(30), ago => Lit(ago > Minutes(10) ? 41 : 0.4));
        var rule = LampFailure();

        var justBefore = await _fixture.EvaluateAtAsync(rule, _fixture.Now - Seconds(1), "light-1");
        var onTime = await _fixture.EvaluateAsync(rule, "light-1");

        Assert.False(justBefore.ConditionHolds, justBefore.Detail);
        Assert.Contains("not met", justBefore.Detail, StringComparison.Ordinal);
        Assert.True(onTime.ConditionHolds, onTime.Detail);
    }

    [Fact]
    public async Task OneReadingInTheSpanThatBreaksAComparisonMeansItDoesNotHold()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(20), Minutes(1), ago => ago == Minutes(4) ? Lit(40) : Lit(0.4));

        var observation = await _fixture.EvaluateAsync(LampFailure(), "light-1");

        Assert.False(observation.ConditionHolds);
        Assert.Contains("power_w=40", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EverySelectedDeviceIsObservedAndOneWithoutReadingsDoesNotHold()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(20), Minutes(1), _ => Lit(0.4));

        var observations = await _fixture.EvaluateAsync(LampFailure());

        Assert.Equal(["light-1", "light-2"], observations.Select(o => o.Subject).Order(StringComparer.Ordinal));
        var silent = observations.Single(o => o.Subject == "light-2");
        Assert.False(silent.ConditionHolds);
        Assert.Contains("no reading", silent.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingsThatLackAComparedFieldNeitherConfirmNorBreakTheState()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(20), Minutes(1), _ => Lit(0.4));
        await _fixture.ReadingAsync("light-1", Seconds(30), TelemetryField.OfNumber("lux", 3));

        var observation = await _fixture.EvaluateAsync(LampFailure(), "light-1");

        Assert.True(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task TextFieldsCompareWithQuotedText()
    {
        await _fixture.ReadingsAsync("light-1", Minutes(4), Minutes(1), _ => [TelemetryField.OfText("mode", "auto")]);
        await _fixture.ReadingsAsync("light-2", Minutes(4), Minutes(1), _ => [TelemetryField.OfText("mode", "manual")]);
        var rule = With(new ThresholdCondition([Compare("mode != \"manual\"")], Minutes(2)), kind: "light");

        var observations = await _fixture.EvaluateAsync(rule);

        Assert.True(observations.Single(o => o.Subject == "light-1").ConditionHolds);
        Assert.False(observations.Single(o => o.Subject == "light-2").ConditionHolds);
    }

    [Fact]
    public async Task AStateThatStartedBeforeTheLookBackIsNotKnownAndDoesNotHold()
    {
        // The last reading before the span is more than one span older than its start: the state then is unknown.
        await _fixture.ReadingAsync("light-1", Minutes(25), Lit(0.4));
        await _fixture.ReadingAsync("light-1", Minutes(5), Lit(0.4));

        var observation = await _fixture.EvaluateAsync(LampFailure(), "light-1");

        Assert.False(observation.ConditionHolds);
    }

    public void Dispose() => _fixture.Dispose();
}
