using ParkCommunity.DashboardApi.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Switches;

namespace ParkCommunity.DashboardApi.Rules;

/// <summary>
/// A rule on the wire: <c>enabled</c> is what runs (a switch wins over the file); <c>enabledInFile</c>, <c>switchedBy</c>
/// and <c>switchedAt</c> say why. <c>every</c> is written as in rule files (<c>1m</c>); <c>file</c> is the file name only.
/// </summary>
internal sealed record RuleJson(
    string Id, string Name, bool Enabled, string Kind, string Severity, string Every, string File,
    bool EnabledInFile, string? SwitchedBy, DateTimeOffset? SwitchedAt)
{
    public static RuleJson Of(RuleDefinition rule, IReadOnlyDictionary<string, RuleSwitch> switches)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(switches);
        var change = switches.GetValueOrDefault(rule.Id);
        return new RuleJson(
            rule.Id, rule.Name, rule.Apply(switches).Enabled, rule.Condition.Kind, AlarmJson.SeverityName(rule.Severity),
            Durations.Format(rule.Every), Path.GetFileName(rule.SourceFile), rule.Enabled, change?.ChangedBy, change?.ChangedAt);
    }
}

/// <summary>One problem of a validated rule file on the wire.</summary>
internal sealed record RuleProblemJson(string File, int Line, int Column, string? Rule, string? Field, string Message)
{
    public static RuleProblemJson Of(RuleProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new RuleProblemJson(Path.GetFileName(problem.File), problem.Line, problem.Column, problem.RuleId, problem.Field, problem.Message);
    }
}

internal sealed record ValidationJson(bool Valid, IReadOnlyList<RuleProblemJson> Problems);
