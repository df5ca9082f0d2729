namespace ParkCommunity.Rules.Definitions;

/// <summary>What a rule looks for; exactly one kind per rule. docs/rules.md defines each kind's exact semantics.</summary>
public abstract record RuleCondition
{
    /// <summary>The key the condition is written under in a rule file: threshold, absence, rateOfChange, aggregate, event.</summary>
    public abstract string Kind { get; }
}

/// <summary>Every comparison holds on each of a device's readings for <see cref="For"/>, and already held when that span began.</summary>
public sealed record ThresholdCondition(IReadOnlyList<FieldComparison> All, TimeSpan For) : RuleCondition
{
    public override string Kind => "threshold";
}

/// <summary>A device has sent nothing for <see cref="SilentFor"/>, never reported, or (optionally) last said it is offline.</summary>
public sealed record AbsenceCondition(TimeSpan SilentFor, bool WhenOffline) : RuleCondition
{
    public override string Kind => "absence";
}

/// <summary>A field's least-squares slope over <see cref="Window"/>, in units per hour, is below or above a bound.</summary>
public sealed record RateOfChangeCondition(string Field, double? Below, double? Above, TimeSpan Window) : RuleCondition
{
    public override string Kind => "rateOfChange";
}

public enum AggregateGrouping
{
    Zone,
    Grid,
}

public enum AggregateKind
{
    Mean,
    Min,
    Max,
    Sum,
    Count,
}

/// <summary>
/// A field aggregated per zone or grid over windows of <see cref="Window"/> that end at the evaluation time; holds when
/// each of the last <see cref="For"/> / <see cref="Window"/> windows satisfies the comparison.
/// </summary>
public sealed record AggregateCondition(
    string Field, AggregateKind Function, AggregateGrouping GroupBy, TimeSpan Window, ComparisonOperator Operator, double Bound, TimeSpan For)
    : RuleCondition
{
    public override string Kind => "aggregate";

    public int Windows => (int)(For.Ticks / Window.Ticks);
}

/// <summary>A device event of <see cref="Type"/> was stored within <see cref="Within"/> before the evaluation time.</summary>
public sealed record EventCondition(string Type, TimeSpan Within) : RuleCondition
{
    public override string Kind => "event";
}
