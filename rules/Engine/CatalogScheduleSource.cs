using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Scheduling;

namespace ParkCommunity.Rules.Engine;

/// <summary>The schedule the rule files ask for: re-reads the folder (cheap when nothing changed) and lists every rule.</summary>
internal sealed class CatalogScheduleSource(RuleCatalog catalog) : IRuleScheduleSource
{
    public IReadOnlyList<ScheduledRule> Current() =>
        [.. catalog.Reload().Rules.Select(rule => new ScheduledRule(rule.Id, rule.Every, rule.Enabled))];
}
