using ParkCommunity.Rules.Definitions;

namespace ParkCommunity.Rules.Switches;

/// <summary>
/// A person's run-time override of a rule file's <c>enabled:</c> — who turned the rule on or off, and when. The rule
/// file stays as written (it may be under version control or read-only); the switch wins until it is removed.
/// </summary>
public sealed record RuleSwitch(string RuleId, bool Enabled, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// The rule switches, shared by the dashboard (which sets them) and the rule engine (which honours them). Lives in the
/// alarm store's database (<c>Rules:Alarms</c>), so both sides find the same table. Database errors reach the caller.
/// </summary>
public interface IRuleSwitchStore
{
    /// <summary>Creates the table when missing; safe to call from several nodes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Every switch, by rule id.</summary>
    Task<IReadOnlyDictionary<string, RuleSwitch>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns the rule on or off, replacing any earlier switch; the time comes from the store's <see cref="TimeProvider"/>.</summary>
    Task<RuleSwitch> SetAsync(string ruleId, bool enabled, string by, CancellationToken cancellationToken = default);

    /// <summary>Removes the rule's switch, so its file's <c>enabled:</c> applies again; false when there was none.</summary>
    Task<bool> RemoveAsync(string ruleId, CancellationToken cancellationToken = default);
}

public static class RuleSwitches
{
    /// <summary>The rule as it runs: its file's definition with <c>Enabled</c> taken from its switch, when it has one.</summary>
    public static RuleDefinition Apply(this RuleDefinition rule, IReadOnlyDictionary<string, RuleSwitch> switches)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(switches);
        return switches.TryGetValue(rule.Id, out var change) && change.Enabled != rule.Enabled ? rule with { Enabled = change.Enabled } : rule;
    }
}
