using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.Rules.Switches;

namespace ParkCommunity.Rules.Engine;

/// <summary>
/// The schedule the rule files ask for, with the run-time switches (dashboard: enable/disable) applied: re-reads the
/// folder (cheap when nothing changed) and lists every rule.
/// </summary>
internal sealed class CatalogScheduleSource(RuleCatalog catalog, IRuleSwitchStore switches) : IRuleScheduleSource
{
    public async Task<IReadOnlyList<ScheduledRule>> CurrentAsync(CancellationToken cancellationToken)
    {
        var rules = catalog.Reload().Rules;
        var switched = await switches.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rules.Select(rule => rule.Apply(switched)).Select(rule => new ScheduledRule(rule.Id, rule.Every, rule.Enabled))];
    }
}
