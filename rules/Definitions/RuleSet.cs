using ParkCommunity.Rules.Calendars;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// One immutable snapshot of the rule folder: the rules in force, the calendars, and what was refused and why.
/// <see cref="Version"/> grows by one each time a reload changes anything.
/// </summary>
public sealed class RuleSet
{
    private readonly Dictionary<string, RuleDefinition> _byId;

    public RuleSet(long version, IReadOnlyList<RuleDefinition> rules, RuleCalendars calendars, IReadOnlyList<RuleProblem> problems, IReadOnlyList<string> refusedFiles)
    {
        Version = version;
        Rules = rules ?? [];
        Calendars = calendars ?? RuleCalendars.None;
        Problems = problems ?? [];
        RefusedFiles = refusedFiles ?? [];
        _byId = Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public static RuleSet Empty { get; } = new(0, [], RuleCalendars.None, [], []);

    public long Version { get; }

    /// <summary>Every rule in force, enabled or not, in file order then rule order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    public RuleCalendars Calendars { get; }

    /// <summary>Every problem of the last reload, across all files.</summary>
    public IReadOnlyList<RuleProblem> Problems { get; }

    /// <summary>Files whose current content was refused; each keeps the rules of its last good version, if it had one.</summary>
    public IReadOnlyList<string> RefusedFiles { get; }

    public RuleDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
