using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TestSupport;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

/// <summary>The shipped sample rules, read from their files, evaluated over the 600-device sample community.</summary>
public sealed class SampleRulesEvaluationTests : IDisposable
{
    private static readonly CommunityRegistry Sample = RegistryLoader.Load(RepositoryRoot.SampleRegistry);

    private readonly ConditionFixture _fixture = new(registry: Sample);
    private readonly RuleSet _rules = new RuleCatalog(RepositoryRoot.File("deploy", "sample-community", "rules"), NullLogger<RuleCatalog>.Instance, Sample).Current;

    [Fact]
    public async Task AFailedLampAtNightIsFoundAndNoOtherLampIs()
    {
        // 21:10 local: light-n-001 reports on but dark since 21:00; light-n-002 burns normally.
        await _fixture.ReadingsAsync("light-n-001", Minutes(20), Seconds(30), ago => Lamp(ago > Minutes(10) ? 58 : 0.3));
        await _fixture.ReadingsAsync("light-n-002", Minutes(20), Seconds(30), _ => Lamp(58));

        var observations = await _fixture.EvaluateAsync(_rules.Find("lamp-failure")!);

        Assert.Equal(Sample.Devices.Count(d => d.Kind == "light"), observations.Count);
        Assert.Equal(["light-n-001"], observations.Where(o => o.ConditionHolds).Select(o => o.Subject));
    }

    [Fact]
    public async Task TheDeviceSilentRuleFlagsEveryDeviceThatNeverReportedAcrossTheWholeCommunity()
    {
        await _fixture.ReadingAsync("light-n-001", Minutes(1), Lamp(58));
        await _fixture.ReadingAsync("parking-n-001", Minutes(16), TelemetryField.OfBoolean("occupied", true));

        var observations = await _fixture.EvaluateAsync(_rules.Find("device-silent")!);

        Assert.Equal(Sample.Devices.Count, observations.Count);
        Assert.False(observations.Single(o => o.Subject == "light-n-001").ConditionHolds);
        Assert.StartsWith("silent for 16m", observations.Single(o => o.Subject == "parking-n-001").Detail, StringComparison.Ordinal);
        Assert.Equal(Sample.Devices.Count - 1, observations.Count(o => o.ConditionHolds));
    }

    [Fact]
    public async Task AForcedDoorRaisesAtTheNextEvaluation()
    {
        await _fixture.EventAsync("access-n-01", Seconds(4), "door_forced");

        var observations = await _fixture.EvaluateAsync(_rules.Find("door-forced")!);

        Assert.Equal(["access-n-01"], observations.Where(o => o.ConditionHolds).Select(o => o.Subject));
    }

    public void Dispose() => _fixture.Dispose();

    private static TelemetryField[] Lamp(double watts) =>
        [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("dim_pct", 100), TelemetryField.OfNumber("power_w", watts), TelemetryField.OfBoolean("fault", false)];
}
