using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class AbsenceConditionTests : IDisposable
{
    private readonly ConditionFixture _fixture = new();

    private static RuleDefinition Silent(bool whenOffline = true) => With(new AbsenceCondition(Minutes(15), whenOffline), devices: ["park-1", "park-2", "door-1"]);

    [Fact]
    public async Task ADeviceIsFlaggedExactlyWhenItsSilenceReachesSilentFor()
    {
        await _fixture.ReadingAsync("park-1", TimeSpan.Zero, TelemetryField.OfNumber("visitors", 3));
        var rule = Silent();

        _fixture.Time.Advance(Minutes(15) - TimeSpan.FromMilliseconds(1));
        var justBefore = await _fixture.EvaluateAsync(rule, "park-1");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var onTheDeadline = await _fixture.EvaluateAsync(rule, "park-1");

        Assert.False(justBefore.ConditionHolds, justBefore.Detail);
        Assert.True(onTheDeadline.ConditionHolds, onTheDeadline.Detail);
        Assert.StartsWith("silent for 15m", onTheDeadline.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASelectedDeviceThatNeverReportedIsFlagged()
    {
        await _fixture.ReadingAsync("park-1", Minutes(1), TelemetryField.OfNumber("visitors", 3));

        var observation = await _fixture.EvaluateAsync(Silent(), "park-2");

        Assert.True(observation.ConditionHolds);
        Assert.Equal("never reported", observation.Detail);
    }

    [Fact]
    public async Task ADeviceThatNeverReportedCountsAsSilentFromWhenTheEngineStartedWatching()
    {
        var evaluator = new RuleConditionEvaluator(_fixture.Reader, _fixture.Registry, NullLogger<RuleConditionEvaluator>.Instance, _fixture.Time);
        var rule = Silent();

        _fixture.Time.Advance(Minutes(15) - TimeSpan.FromMilliseconds(1));
        var justBefore = (await evaluator.EvaluateAsync(rule, _fixture.Now, CancellationToken.None)).Single(o => o.Subject == "park-2");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var onTheDeadline = (await evaluator.EvaluateAsync(rule, _fixture.Now, CancellationToken.None)).Single(o => o.Subject == "park-2");

        Assert.False(justBefore.ConditionHolds, justBefore.Detail);
        Assert.Equal("not reported yet", justBefore.Detail);
        Assert.True(onTheDeadline.ConditionHolds, onTheDeadline.Detail);
        Assert.Equal("never reported", onTheDeadline.Detail);
    }

    [Fact]
    public async Task AnOfflineStatusIsFlaggedAtOnceWhenWhenOfflineIsOn()
    {
        await _fixture.ReadingAsync("park-1", Minutes(2), TelemetryField.OfNumber("visitors", 3));
        await _fixture.EventAsync("park-1", Minutes(1), "status", "offline");

        var flagged = await _fixture.EvaluateAsync(Silent(), "park-1");
        var ignored = await _fixture.EvaluateAsync(Silent(whenOffline: false), "park-1");

        Assert.True(flagged.ConditionHolds);
        Assert.StartsWith("offline since", flagged.Detail, StringComparison.Ordinal);
        Assert.False(ignored.ConditionHolds, ignored.Detail);
    }

    [Fact]
    public async Task TheTrailingOfflineStatusDoesNotCountAsHearingFromTheDevice()
    {
        await _fixture.ReadingAsync("park-1", Minutes(16), TelemetryField.OfNumber("visitors", 3));
        await _fixture.EventAsync("park-1", Minutes(1), "status", "offline");

        var observation = await _fixture.EvaluateAsync(Silent(whenOffline: false), "park-1");

        Assert.True(observation.ConditionHolds);
        Assert.StartsWith("silent for 16m", observation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelemetryAfterAnOfflineStatusMeansTheDeviceIsBack()
    {
        await _fixture.EventAsync("park-1", Minutes(3), "status", "offline");
        await _fixture.ReadingAsync("park-1", Minutes(1), TelemetryField.OfNumber("visitors", 3));

        var observation = await _fixture.EvaluateAsync(Silent(), "park-1");

        Assert.False(observation.ConditionHolds, observation.Detail);
    }

    [Fact]
    public async Task ADeviceEventCountsAsHearingFromTheDevice()
    {
        await _fixture.ReadingAsync("door-1", Minutes(30), TelemetryField.OfNumber("entries", 1));
        await _fixture.EventAsync("door-1", Minutes(2), "access_denied");

        var observation = await _fixture.EvaluateAsync(Silent(), "door-1");

        Assert.False(observation.ConditionHolds, observation.Detail);
    }

    public void Dispose() => _fixture.Dispose();
}
