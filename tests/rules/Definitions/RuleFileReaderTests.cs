using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Calendars;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Tests.Support;
using ParkCommunity.Rules.WorkOrders;

namespace ParkCommunity.Rules.Tests.Definitions;

public sealed class RuleFileReaderTests
{
    private static readonly RuleCalendars Calendars = new([new RuleCalendar("holidays", null, [new DateOnly(2026, 10, 1)], [])]);

    private static (IReadOnlyList<RuleDefinition> Rules, IReadOnlyList<RuleProblem> Problems) Read(string yaml) =>
        RuleFileReader.Read(yaml, "lights.yaml", Calendars, TestCommunity.Create());

    [Fact]
    public void AFullRuleIsReadWithEveryField()
    {
        var (rules, problems) = Read("""
            rules:
              - id: lamp-failure
                name: Lamp on but dark
                enabled: false
                select: { kind: light, site: tianfu, grids: [north], zones: north-street, devices: [light-1, light-2] }
                threshold:
                  all: ["on == true", "power_w < 5"]
                  for: 10m
                every: 30s
                active: { cron: "0 * 18-23,0-6 ? * *", exceptCalendar: holidays }
                severity: critical
                clearAfter: 1h30m
                workOrder: { title: "Lamp {device} dark in {zone}: {value}", category: electrical, priority: P2, slaHours: 4 }
            """);

        Assert.Empty(problems);
        var rule = Assert.Single(rules);
        Assert.Equal(("lamp-failure", "Lamp on but dark", false), (rule.Id, rule.Name, rule.Enabled));
        Assert.Equal(("light", "tianfu"), (rule.Selector.Kind, rule.Selector.Site));
        Assert.Equal(["north"], rule.Selector.Grids);
        Assert.Equal(["north-street"], rule.Selector.Zones);
        Assert.Equal(["light-1", "light-2"], rule.Selector.Devices);
        var threshold = Assert.IsType<ThresholdCondition>(rule.Condition);
        Assert.Equal(["on == true", "power_w < 5"], threshold.All.Select(c => c.ToString()));
        Assert.Equal(TimeSpan.FromMinutes(10), threshold.For);
        Assert.Equal(TimeSpan.FromSeconds(30), rule.Every);
        Assert.Equal("0 * 18-23,0-6 ? * *", rule.Active!.Cron);
        Assert.Equal("holidays", rule.Active.ExceptCalendar!.Name);
        Assert.Equal(AlarmSeverity.Critical, rule.Severity);
        Assert.Equal(TimeSpan.FromMinutes(90), rule.ClearAfter);
        Assert.Equal(new WorkOrderTemplate("Lamp {device} dark in {zone}: {detail}", WorkOrderCategory.Electrical, WorkOrderPriority.P2, TimeSpan.FromHours(4)), rule.WorkOrder);
        Assert.Equal(("lights.yaml", 2), (rule.SourceFile, rule.SourceLine));
    }

    [Fact]
    public void DefaultsAreEnabledEveryMinuteMajorNoHoldOffAndEventsSeenForTwoIntervals()
    {
        var (rules, problems) = Read("""
            rules:
              - id: door-forced
                name: Door forced
                select: { kind: access }
                event: { type: door_forced }
                every: 5s
            """);

        Assert.Empty(problems);
        var rule = Assert.Single(rules);
        Assert.True(rule.Enabled);
        Assert.Equal(AlarmSeverity.Major, rule.Severity);
        Assert.Equal(TimeSpan.Zero, rule.ClearAfter);
        Assert.Null(rule.WorkOrder);
        Assert.Null(rule.Active);
        Assert.Equal(new EventCondition("door_forced", TimeSpan.FromSeconds(10)), rule.Condition);
    }

    [Fact]
    public void EveryConditionKindIsRead()
    {
        var (rules, problems) = Read("""
            rules:
              - id: silent
                name: Silent
                absence: { silentFor: 15m, whenOffline: false }
              - id: drying
                name: Drying
                select: { kind: park }
                rateOfChange: { field: soil_moisture_pct, perHour: { below: -3, above: 20 }, window: 1h }
              - id: pm25
                name: PM2.5
                select: { kind: park }
                aggregate: { field: pm25_ugm3, function: mean, groupBy: zone, window: 10m, compare: "> 75", for: 30m }
            """);

        Assert.Empty(problems);
        Assert.Equal(new AbsenceCondition(TimeSpan.FromMinutes(15), false), rules[0].Condition);
        Assert.Equal(new RateOfChangeCondition("soil_moisture_pct", -3, 20, TimeSpan.FromHours(1)), rules[1].Condition);
        var aggregate = Assert.IsType<AggregateCondition>(rules[2].Condition);
        Assert.Equal((AggregateKind.Mean, AggregateGrouping.Zone, ComparisonOperator.Greater, 75d, 3), (aggregate.Function, aggregate.GroupBy, aggregate.Operator, aggregate.Bound, aggregate.Windows));
    }

    [Fact]
    public void EveryProblemNamesFileLineColumnRuleAndFieldAndAllAreReportedAtOnce()
    {
        var (rules, problems) = Read("""
            rules:
              - id: lamp-failure
                name: Lamp on but dark
                select: { kind: light, zones: [north-stret] }
                threshold:
                  all: ["power_w << 5"]
                  for: ten minutes
                severity: bad
                colour: red
                workOrder: { title: "Lamp {lamp}", category: plumbing, priority: P9 }
            """);

        Assert.Empty(rules);
        Assert.Equal(
        [
            "lights.yaml:4:35: rule \"lamp-failure\": select.zones: zone \"north-stret\" is not in the site registry (known: north-carpark, north-entrances, north-park, north-street, south-carpark, south-park)",
            "lights.yaml:6:13: rule \"lamp-failure\": threshold.all: \"power_w << 5\": \"< 5\" is not a number, true/false or quoted text",
            "lights.yaml:7:12: rule \"lamp-failure\": threshold.for: \"ten minutes\" is not a duration such as 30s, 10m, 1h30m or 2d",
            "lights.yaml:8:15: rule \"lamp-failure\": severity: \"bad\" is not one of info, minor, major, critical",
            "lights.yaml:9:5: rule \"lamp-failure\": colour: unknown key \"colour\" (allowed: id, name, enabled, select, every, active, severity, clearAfter, workOrder, threshold, absence, rateOfChange, aggregate, event)",
            "lights.yaml:10:25: rule \"lamp-failure\": workOrder.title: unknown placeholder {lamp} (known: {rule}, {subject}, {detail}, {value}, {severity}, {site}, {grid}, {zone}, {device}, {kind})",
            "lights.yaml:10:50: rule \"lamp-failure\": workOrder.category: \"plumbing\" is not one of electrical, gardening, parking, security, cleaning, other",
            "lights.yaml:10:70: rule \"lamp-failure\": workOrder.priority: \"P9\" is not one of P1, P2, P3, P4",
        ], problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("threshold: { all: [\"on == true\"], for: 1m }\n    absence: { silentFor: 1m }", "condition", "a rule has exactly one condition, this one has threshold and absence")]
    [InlineData("select: { kind: light }", "condition", "a rule needs exactly one condition: threshold, absence, rateOfChange, aggregate, event")]
    [InlineData("absence: { silentFor: 1m }\n    active: { cron: \"0 0 25 * * ?\" }", "active.cron", "is not a Quartz cron expression")]
    [InlineData("absence: { silentFor: 1m }\n    active: { cron: \"30 * * ? * *\" }", "active.cron", "the seconds field must be 0 or *")]
    [InlineData("absence: { silentFor: 1m }\n    active: { exceptCalendar: christmas }", "active.exceptCalendar", "calendar \"christmas\" is not defined in calendars.yaml (defined: holidays)")]
    [InlineData("absence: { silentFor: 1m }\n    select: { kind: light, zones: [north-park] }", "select", "selects no device of the site registry test-community")]
    [InlineData("absence: { silentFor: 1m }\n    select: { kind: lamp }", "select.kind", "kind \"lamp\" is not in the site registry")]
    [InlineData("absence: { silentFor: 0s }", "absence.silentFor", "0s is too short: at least 1s")]
    [InlineData("aggregate: { field: pm25_ugm3, function: median, groupBy: zone, window: 10m, compare: \"> 75\" }", "aggregate.function", "\"median\" is not one of mean, min, max, sum, count")]
    [InlineData("aggregate: { field: pm25_ugm3, function: mean, groupBy: zone, window: 10m, compare: \"> 75\", for: 25m }", "aggregate.for", "25m must be a whole number of windows (10m), at most 1000")]
    [InlineData("aggregate: { field: pm25_ugm3, function: mean, groupBy: zone, window: 10m, compare: \"high\" }", "aggregate.compare", "\"high\" is not a comparison with a number")]
    [InlineData("rateOfChange: { field: soil_moisture_pct, perHour: {}, window: 1h }", "rateOfChange.perHour", "needs below, above or both")]
    [InlineData("threshold: { all: [\"mode > \\\"auto\\\"\"], for: 1m }", "threshold.all", "> compares numbers only")]
    [InlineData("event: { type: door_forced }\n    every: 5", "every", "\"5\" is not a duration")]
    [InlineData("event: { type: door_forced, within: 10s }\n    every: 30s", "event.within", "10s is shorter than every (30s): events between two evaluations would be missed")]
    public void ARuleWithAProblemIsRefusedNamingTheField(string body, string field, string message)
    {
        var (rules, problems) = Read($"rules:\n  - id: r1\n    name: R1\n    {body}\n");

        Assert.Empty(rules);
        var problem = Assert.Single(problems);
        Assert.Equal((field, "r1"), (problem.Field, problem.RuleId));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleIdUsedTwiceInAFileAndABadIdAreRefused()
    {
        var (rules, problems) = Read("""
            rules:
              - { id: silent, name: A, absence: { silentFor: 1m } }
              - { id: silent, name: B, absence: { silentFor: 2m } }
              - { id: Bad_Id, name: C, absence: { silentFor: 2m } }
            """);

        Assert.Equal(["silent"], rules.Select(r => r.Id));
        Assert.Equal(
            ["lights.yaml:3:5: rule \"silent\": id: is used twice in this file (first at line 2)",
             "lights.yaml:4:11: rule \"Bad_Id\": id: \"Bad_Id\" must match [a-z0-9-]{1,64} (lower case letters, digits, dashes)"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsPosition()
    {
        var (rules, problems) = Read("rules:\n  - id: a\n    name: [unclosed\n");

        Assert.Empty(rules);
        var problem = Assert.Single(problems);
        Assert.Equal("lights.yaml", problem.File);
        Assert.True(problem.Line >= 3, problem.ToString());
        Assert.StartsWith("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileMustHoldARulesList()
    {
        var (_, problems) = Read("- id: a\n");

        Assert.Equal("lights.yaml:1:1: must be a map with rules", Assert.Single(problems).ToString());
    }
}
