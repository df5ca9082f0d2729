using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Switches;
using ParkCommunity.Rules.Tests.Support;

namespace ParkCommunity.Rules.Tests.Switches;

public sealed class RuleSwitchApplyTests
{
    [Fact]
    public void ASwitchOverridesTheFilesEnabledAndOtherRulesStayAsWritten()
    {
        var rule = TestRules.With(new AbsenceCondition(TimeSpan.FromMinutes(30), false), enabled: true);
        var off = new Dictionary<string, RuleSwitch> { [rule.Id] = new(rule.Id, false, "manager", DateTimeOffset.UnixEpoch) };

        Assert.False(rule.Apply(off).Enabled);
        Assert.True(rule.Apply(new Dictionary<string, RuleSwitch>()).Enabled);
        Assert.True((rule with { Id = "other" }).Apply(off).Enabled);
    }
}
