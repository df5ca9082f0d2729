using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Rules.Definitions;

/// <summary>Reads the one condition of a rule (threshold, absence, rateOfChange, aggregate or event) from its YAML map.</summary>
internal static partial class ConditionReader
{
    public static IReadOnlyList<string> Kinds { get; } = ["threshold", "absence", "rateOfChange", "aggregate", "event"];

    /// <summary>The most windows an aggregate's for may span; each is kept in memory per zone during an evaluation.</summary>
    public const int MaxWindows = 1_000;

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    public static RuleCondition? Read(YamlWalker walker, string kind, YamlNode node, TimeSpan every) => kind switch
    {
        "threshold" => Threshold(walker, node),
        "absence" => Absence(walker, node),
        "rateOfChange" => RateOfChange(walker, node),
        "aggregate" => Aggregate(walker, node),
        _ => Event(walker, node, every),
    };

    private static ThresholdCondition? Threshold(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "threshold", ["all", "for"], ["all", "for"]);
        if (map is null || !map.TryGetValue("all", out var allNode) || !map.TryGetValue("for", out var forNode))
        {
            return null;
        }

        var comparisons = new List<FieldComparison>();
        var items = allNode is YamlSequenceNode list ? list.Children : [allNode];
        foreach (var item in items)
        {
            if (walker.Text(item, "threshold.all") is { } text)
            {
                if (FieldComparison.TryParse(text, out var comparison, out var error))
                {
                    comparisons.Add(comparison!);
                }
                else
                {
                    walker.Problem(item, "threshold.all", error);
                }
            }
        }

        if (items.Count == 0)
        {
            walker.Problem(allNode, "threshold.all", "lists no comparison");
        }

        var duration = walker.Duration(forNode, "threshold.for", OneSecond);
        return comparisons.Count == items.Count && items.Count > 0 && duration is { } held ? new ThresholdCondition(comparisons, held) : null;
    }

    private static AbsenceCondition? Absence(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "absence", ["silentFor", "whenOffline"], ["silentFor"]);
        if (map is null || !map.TryGetValue("silentFor", out var silentNode))
        {
            return null;
        }

        var silentFor = walker.Duration(silentNode, "absence.silentFor", OneSecond);
        var whenOffline = map.TryGetValue("whenOffline", out var offlineNode) ? walker.Bool(offlineNode, "absence.whenOffline") : true;
        return silentFor is { } silent && whenOffline is { } offline ? new AbsenceCondition(silent, offline) : null;
    }

    private static RateOfChangeCondition? RateOfChange(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "rateOfChange", ["field", "perHour", "window"], ["field", "perHour", "window"]);
        if (map is null)
        {
            return null;
        }

        var field = map.TryGetValue("field", out var fieldNode) ? Field(walker, fieldNode, "rateOfChange.field") : null;
        var window = map.TryGetValue("window", out var windowNode) ? walker.Duration(windowNode, "rateOfChange.window", OneSecond) : null;
        var bounds = map.TryGetValue("perHour", out var perHourNode) ? walker.Map(perHourNode, "rateOfChange.perHour", ["below", "above"], []) : null;
        if (bounds is null)
        {
            return null;
        }

        var below = bounds.TryGetValue("below", out var belowNode) ? walker.Number(belowNode, "rateOfChange.perHour.below") : null;
        var above = bounds.TryGetValue("above", out var aboveNode) ? walker.Number(aboveNode, "rateOfChange.perHour.above") : null;
        if (bounds.Count == 0)
        {
            walker.Problem(perHourNode!, "rateOfChange.perHour", "needs below, above or both (units of the field per hour)");
        }

        var complete = field is not null && window is not null && bounds.Count > 0
            && (belowNode is null || below is not null) && (aboveNode is null || above is not null);
        return complete ? new RateOfChangeCondition(field!, below, above, window!.Value) : null;
    }

    private static AggregateCondition? Aggregate(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "aggregate", ["field", "function", "groupBy", "window", "compare", "for"], ["field", "function", "groupBy", "window", "compare"]);
        if (map is null)
        {
            return null;
        }

        var field = map.TryGetValue("field", out var fieldNode) ? Field(walker, fieldNode, "aggregate.field") : null;
        var function = map.TryGetValue("function", out var functionNode)
            && Enum(walker, functionNode, "aggregate.function", ["mean", "min", "max", "sum", "count"], out var functionIndex)
            ? (AggregateKind?)functionIndex : null;
        var groupBy = map.TryGetValue("groupBy", out var groupNode) && Enum(walker, groupNode, "aggregate.groupBy", ["zone", "grid"], out var groupIndex)
            ? (AggregateGrouping?)groupIndex : null;
        var window = map.TryGetValue("window", out var windowNode) ? walker.Duration(windowNode, "aggregate.window", OneSecond) : null;
        var compare = map.TryGetValue("compare", out var compareNode) ? Compare(walker, compareNode) : null;
        TimeSpan? held = window;
        if (map.TryGetValue("for", out var forNode) && walker.Duration(forNode, "aggregate.for", OneSecond) is { } duration && window is { } size)
        {
            held = duration;
            if (duration.Ticks % size.Ticks != 0 || duration < size || duration.Ticks / size.Ticks > MaxWindows)
            {
                walker.Problem(forNode, "aggregate.for", $"{Durations.Format(duration)} must be a whole number of windows ({Durations.Format(size)}), at most {MaxWindows}");
                held = null;
            }
        }

        return field is not null && function is not null && groupBy is not null && window is not null && compare is { } c && held is not null
            ? new AggregateCondition(field, function.Value, groupBy.Value, window.Value, c.Operator, c.Bound, held.Value)
            : null;
    }

    private static EventCondition? Event(YamlWalker walker, YamlNode node, TimeSpan every)
    {
        var map = walker.Map(node, "event", ["type", "within"], ["type"]);
        if (map is null || !map.TryGetValue("type", out var typeNode))
        {
            return null;
        }

        var type = walker.Text(typeNode, "event.type");
        var within = map.TryGetValue("within", out var withinNode) ? walker.Duration(withinNode, "event.within", OneSecond) : every * 2;
        if (within < every)
        {
            walker.Problem(withinNode!, "event.within", $"{Durations.Format(within.Value)} is shorter than every ({Durations.Format(every)}): events between two evaluations would be missed");
            return null;
        }

        return type is not null && within is { } span ? new EventCondition(type, span) : null;
    }

    private static string? Field(YamlWalker walker, YamlNode node, string field)
    {
        var name = walker.Text(node, field);
        if (name is not null && !FieldName().IsMatch(name))
        {
            walker.Problem(node, field, $"\"{name}\" is not a field name ([a-z][a-z0-9_]{{0,63}}, as devices send them)");
            return null;
        }

        return name;
    }

    private static bool Enum(YamlWalker walker, YamlNode node, string field, string[] names, out int index)
    {
        var text = walker.Text(node, field);
        index = text is null ? -1 : Array.IndexOf(names, text);
        if (text is not null && index < 0)
        {
            walker.Problem(node, field, $"\"{text}\" is not one of {string.Join(", ", names)}");
        }

        return index >= 0;
    }

    private static (ComparisonOperator Operator, double Bound)? Compare(YamlWalker walker, YamlNode node)
    {
        var text = walker.Text(node, "aggregate.compare");
        if (text is null)
        {
            return null;
        }

        var match = RightHandSide().Match(text);
        if (match.Success && FieldComparison.TryParseRight(match.Groups["op"].Value, match.Groups["value"].Value, out var op, out var value, out _)
            && value is double bound)
        {
            return (op, bound);
        }

        walker.Problem(node, "aggregate.compare", $"\"{text}\" is not a comparison with a number such as \"> 75\" or \"<= 0.2\"");
        return null;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^\s*(?<op><=|>=|==|!=|<|>)\s*(?<value>\S.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RightHandSide();
}
