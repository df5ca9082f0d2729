using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;

namespace ParkCommunity.Rules.Conditions;

/// <summary>Judges a rule's condition over the telemetry store at one instant.</summary>
public interface IRuleConditionEvaluator
{
    /// <summary>
    /// One observation per subject the rule selects (devices, or zones/grids for aggregate rules), at time <paramref name="at"/>.
    /// Throws when the telemetry store cannot be read: an evaluation that could not look must not look like "all clear".
    /// </summary>
    Task<IReadOnlyList<SubjectObservation>> EvaluateAsync(RuleDefinition rule, DateTimeOffset at, CancellationToken cancellationToken);
}
