using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class EventConditionTests : IDisposable
{
    private readonly ConditionFixture _fixture = new();

    private static RuleDefinition DoorForced() => With(new EventCondition("door_forced", Seconds(30)), kind: "access");

    [Fact]
    public async Task AnEventOfTheTypeHoldsWhileItIsWithinTheWindow()
    {
        await _fixture.EventAsync("door-1", Seconds(3), "door_forced");
        var rule = DoorForced();

        var atOnce = await _fixture.EvaluateAsync(rule, "door-1");
        _fixture.Time.Advance(Seconds(27));
        var lastMoment = await _fixture.EvaluateAsync(rule, "door-1");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await _fixture.EvaluateAsync(rule, "door-1");

        Assert.True(atOnce.ConditionHolds);
        Assert.StartsWith("door_forced at ", atOnce.Detail, StringComparison.Ordinal);
        Assert.True(lastMoment.ConditionHolds);
        Assert.False(after.ConditionHolds);
        Assert.Equal("no door_forced event in the last 30s", after.Detail);
    }

    [Fact]
    public async Task EventsOfOtherTypesAndTelemetryDoNotCount()
    {
        await _fixture.EventAsync("door-1", Seconds(3), "access_denied");
        await _fixture.ReadingAsync("door-1", Seconds(2), DeviceContract.Telemetry.TelemetryField.OfText("type", "door_forced"));

        var observation = await _fixture.EvaluateAsync(DoorForced(), "door-1");

        Assert.False(observation.ConditionHolds);
    }

    public void Dispose() => _fixture.Dispose();
}
