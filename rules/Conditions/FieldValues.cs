namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Field values as numbers for slopes and aggregates. Both stores hand back numbers as double, booleans as bool and text
/// as string; a boolean counts as 0 or 1, so "mean of occupied" is the share of readings that were occupied.
/// </summary>
internal static class FieldValues
{
    public static bool TryNumber(IReadOnlyDictionary<string, object> values, string field, out double number)
    {
        number = 0;
        if (!values.TryGetValue(field, out var value))
        {
            return false;
        }

        switch (value)
        {
            case double d:
                number = d;
                return true;
            case bool b:
                number = b ? 1 : 0;
                return true;
            case IConvertible convertible when value is not string:
                number = convertible.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }
}
