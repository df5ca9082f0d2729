namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// What the alarm state machine needs to know about one rule: who raises (<see cref="RuleId"/>, <see cref="RuleName"/>),
/// how serious it is, and how long the condition must stay false before an alarm clears (the hysteresis hold-off;
/// zero clears on the first evaluation that finds the condition false).
/// </summary>
public sealed record AlarmPolicy(string RuleId, string RuleName, AlarmSeverity Severity, TimeSpan ClearAfter)
{
    /// <summary>Every problem with the policy, each naming its property; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(RuleId))
        {
            problems.Add("RuleId is empty");
        }
        else if (RuleId.Contains('/', StringComparison.Ordinal))
        {
            // Alarm keys are written ruleId/subject, so the rule id cannot contain the separator.
            problems.Add($"RuleId '{RuleId}' must not contain '/'");
        }

        if (string.IsNullOrWhiteSpace(RuleName))
        {
            problems.Add($"RuleName of rule '{RuleId}' is empty");
        }

        if (!Enum.IsDefined(Severity))
        {
            problems.Add($"Severity {(int)Severity} of rule '{RuleId}' is unknown");
        }

        if (ClearAfter < TimeSpan.Zero)
        {
            problems.Add($"ClearAfter of rule '{RuleId}' must not be negative, not {ClearAfter}");
        }

        return problems;
    }
}
