using System.Globalization;
using System.Text.RegularExpressions;

namespace ParkCommunity.Rules.Definitions;

public enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>
/// One comparison of a reading's field with a constant, written <c>power_w &lt; 5</c>, <c>on == true</c> or
/// <c>mode != "manual"</c>. The constant's type decides what the field must be: a number compares with numbers,
/// true/false with booleans, quoted text with text (== and != only). A field of another type never matches.
/// </summary>
public sealed partial record FieldComparison(string Field, ComparisonOperator Operator, object Value)
{
    /// <summary>Reads <c>field op value</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out FieldComparison? comparison, out string error)
    {
        comparison = null;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"\"{text}\" is not a comparison like power_w < 5, on == true or mode != \"manual\" (operators: < <= > >= == !=)";
            return false;
        }

        if (!TryParseRight(match.Groups["op"].Value, match.Groups["value"].Value, out var op, out var value, out error))
        {
            error = $"\"{text}\": {error}";
            return false;
        }

        comparison = new FieldComparison(match.Groups["field"].Value, op, value);
        return true;
    }

    /// <summary>Reads an operator the caller has matched already and the value after it, as aggregate conditions write them (<c>&gt; 75</c>).</summary>
    internal static bool TryParseRight(string op, string valueText, out ComparisonOperator comparisonOperator, out object value, out string error)
    {
        value = 0d;
        error = "";
        comparisonOperator = op switch
        {
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            ">=" => ComparisonOperator.GreaterOrEqual,
            "==" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            _ => throw new ArgumentException($"Unknown comparison operator \"{op}\".", nameof(op)),
        };
        var text = valueText.Trim();
        if (text is "true" or "false")
        {
            value = text == "true";
        }
        else if (text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0])
        {
            value = text[1..^1];
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
        }
        else
        {
            error = $"\"{text}\" is not a number, true/false or quoted text";
            return false;
        }

        if (value is not double && comparisonOperator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            error = $"{op} compares numbers only; booleans and text take == or !=";
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="actual"/> (a stored value: double, bool or string) satisfies the comparison.</summary>
    public bool Matches(object? actual) => (Value, actual) switch
    {
        (double bound, double number) => Operator switch
        {
            ComparisonOperator.Less => number < bound,
            ComparisonOperator.LessOrEqual => number <= bound,
            ComparisonOperator.Greater => number > bound,
            ComparisonOperator.GreaterOrEqual => number >= bound,
            ComparisonOperator.Equal => number == bound,
            _ => number != bound,
        },
        (bool expected, bool flag) => (flag == expected) == (Operator == ComparisonOperator.Equal),
        (string expected, string text) => string.Equals(text, expected, StringComparison.Ordinal) == (Operator == ComparisonOperator.Equal),
        _ => false,
    };

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.Equal => "==",
        _ => "!=",
    };

    public override string ToString() => Value switch
    {
        string text => $"{Field} {Symbol(Operator)} \"{text}\"",
        bool flag => $"{Field} {Symbol(Operator)} {(flag ? "true" : "false")}",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Field} {Symbol(Operator)} {Value}"),
    };

    [GeneratedRegex(@"^\s*(?<field>[a-z][a-z0-9_]{0,63})\s*(?<op><=|>=|==|!=|<|>)\s*(?<value>.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
