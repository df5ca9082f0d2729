using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Definitions;

public sealed class SampleRulesTests
{
    private static readonly string Folder = RepositoryRoot.File("deploy", "sample-community", "rules");

    [Fact]
    public void TheSampleCommunitysRuleFilesLoadWithoutProblemsAgainstItsRegistry()
    {
        var catalog = new RuleCatalog(Folder, NullLogger<RuleCatalog>.Instance, RegistryLoader.Load(RepositoryRoot.SampleRegistry));

        var current = catalog.Current;

        Assert.Empty(current.Problems);
        Assert.Equal(
            ["carpark-full", "device-silent", "door-forced", "lamp-failure", "soil-moisture-falling", "zone-pm25-high"],
            current.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(current.Rules, rule => Assert.True(rule.Enabled && rule.WorkOrder is not null, rule.ToString()));
        Assert.Contains("cn-public-holidays", current.Calendars.ByName.Keys);
    }

    [Fact]
    public void TheSampleLampFailureRuleIsNightOnlyElectricalAndP2()
    {
        var rule = new RuleCatalog(Folder, NullLogger<RuleCatalog>.Instance).Current.Find("lamp-failure")!;

        var threshold = Assert.IsType<ThresholdCondition>(rule.Condition);
        Assert.Equal(["on == true", "power_w < 5"], threshold.All.Select(c => c.ToString()));
        Assert.Equal(TimeSpan.FromMinutes(10), threshold.For);
        Assert.Equal("0 * 18-23,0-6 ? * *", rule.Active?.Cron);
        Assert.Equal((CaseSystem.WorkOrders.WorkOrderCategory.Electrical, CaseSystem.WorkOrders.WorkOrderPriority.P2), (rule.WorkOrder!.Category, rule.WorkOrder.Priority));
    }

    [Fact]
    public void TheSampleDoorForcedRuleIsEvaluatedEveryFiveSecondsAndRaisesASecurityP1()
    {
        var rule = new RuleCatalog(Folder, NullLogger<RuleCatalog>.Instance).Current.Find("door-forced")!;

        Assert.Equal(new EventCondition("door_forced", TimeSpan.FromSeconds(30)), rule.Condition);
        Assert.Equal(TimeSpan.FromSeconds(5), rule.Every);
        Assert.Equal((CaseSystem.WorkOrders.WorkOrderCategory.Security, CaseSystem.WorkOrders.WorkOrderPriority.P1), (rule.WorkOrder!.Category, rule.WorkOrder.Priority));
    }
}
