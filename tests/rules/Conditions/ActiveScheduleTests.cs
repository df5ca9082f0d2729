using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Calendars;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using static ParkCommunity.Rules.Tests.Support.TestRules;

namespace ParkCommunity.Rules.Tests.Conditions;

public sealed class ActiveScheduleTests : IDisposable
{
    private const string Night = "0 * 18-23,0-6 ? * *";

    private static readonly TimeZoneInfo Chengdu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly RuleCalendar NationalDay = new("national-day", null, [new DateOnly(2026, 10, 2)], [(10, 1)]);

    private readonly ConditionFixture _fixture = new();

    [Theory]
    [InlineData("2026-03-02T17:59:59+08:00", false)]
    [InlineData("2026-03-02T18:00:00+08:00", true)]
    [InlineData("2026-03-02T23:30:00+08:00", true)]
    [InlineData("2026-03-03T06:59:59+08:00", true)]
    [InlineData("2026-03-03T07:00:00+08:00", false)]
    [InlineData("2026-03-03T12:00:00+08:00", false)]
    public void ANightCronIsJudgedPerMinuteInTheSitesTimeZone(string at, bool active)
    {
        var schedule = new ActiveSchedule(Night, null);

        Assert.Equal(active, schedule.IsActive(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Chengdu));
    }

    [Theory]
    [InlineData("2026-09-30T15:59:59Z", true)]   // 23:59:59 local on 30 September
    [InlineData("2026-09-30T16:00:00Z", false)]  // midnight local: 1 October, a yearly holiday
    [InlineData("2027-10-01T12:00:00Z", false)]  // yearly days recur
    [InlineData("2026-10-02T12:00:00Z", false)]  // a dated holiday
    [InlineData("2027-10-02T12:00:00Z", true)]   // … only in its own year
    public void AnExceptCalendarMakesTheRuleInactiveOnItsLocalDays(string at, bool active)
    {
        var schedule = new ActiveSchedule(null, NationalDay);

        Assert.Equal(active, schedule.IsActive(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Chengdu));
    }

    [Fact]
    public void TheQuartzCalendarExcludesTheSameDaysInTheSitesTimeZone()
    {
        var calendars = new RuleCalendars([NationalDay]).ToQuartzCalendars(Chengdu);

        var quartz = calendars["national-day"];

        Assert.True(quartz.IsTimeIncluded(DateTimeOffset.Parse("2026-09-30T15:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(quartz.IsTimeIncluded(DateTimeOffset.Parse("2026-09-30T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(quartz.IsTimeIncluded(DateTimeOffset.Parse("2026-10-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(quartz.IsTimeIncluded(DateTimeOffset.Parse("2027-10-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task OutsideItsActiveScheduleARuleObservesThatNothingHoldsSoItsAlarmsClear()
    {
        // The fixture's clock starts at 21:00 local; the lamp has been dark for 20 minutes.
        await _fixture.ReadingsAsync("light-1", Minutes(20), Minutes(1), _ => [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("power_w", 0.2)]);
        var condition = new ThresholdCondition([new FieldComparison("power_w", ComparisonOperator.Less, 5d)], Minutes(10));

        var atNight = await _fixture.EvaluateAsync(With(condition, kind: "light", active: new ActiveSchedule(Night, null)), "light-1");
        var byDay = await _fixture.EvaluateAsync(With(condition, kind: "light", active: new ActiveSchedule("0 * 7-17 ? * *", null)), "light-1");

        Assert.True(atNight.ConditionHolds, atNight.Detail);
        Assert.False(byDay.ConditionHolds);
        Assert.Equal("outside the rule's active schedule", byDay.Detail);
    }

    [Fact]
    public async Task ADisabledRuleObservesThatNothingHoldsForEverySubject()
    {
        await _fixture.EventAsync("door-1", Seconds(1), "door_forced");

        var observations = await _fixture.EvaluateAsync(With(new EventCondition("door_forced", Seconds(30)), kind: "access", enabled: false));

        var observation = Assert.Single(observations);
        Assert.False(observation.ConditionHolds);
        Assert.Equal("rule disabled", observation.Detail);
    }

    public void Dispose() => _fixture.Dispose();
}
