using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// Checks a rule file's text before it is saved, exactly as the catalog would read it: against the catalog's current
/// calendars and registry, and against the rule ids of the catalog's other files (a clash would refuse the file).
/// </summary>
public static class RuleFileValidation
{
    /// <param name="yaml">The rule file's text.</param>
    /// <param name="fileName">The name it would be saved under (problems name it; the same file's own rules never clash).</param>
    /// <param name="current">The catalog's current rule set.</param>
    /// <param name="registry">When given, selectors are checked against it.</param>
    public static IReadOnlyList<RuleProblem> Validate(string yaml, string fileName, RuleSet current, CommunityRegistry? registry)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(current);
        var (rules, problems) = RuleFileReader.Read(yaml, fileName, current.Calendars, registry);
        var clashes = rules
            .Select(r => (Rule: r, Owner: current.Find(r.Id)))
            .Where(p => p.Owner is not null && !string.Equals(Path.GetFileName(p.Owner.SourceFile), Path.GetFileName(fileName), StringComparison.Ordinal))
            .Select(p => new RuleProblem(fileName, p.Rule.SourceLine, 1, p.Rule.Id, "id",
                $"is already defined in {Path.GetFileName(p.Owner!.SourceFile)}:{p.Owner.SourceLine}; rule ids are unique across all rule files"));
        return [.. problems, .. clashes];
    }
}
