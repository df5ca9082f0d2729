using System.Globalization;

namespace ParkCommunity.Rules.Conditions;

/// <summary>How observation details write numbers, values and times: invariant, short, UTC.</summary>
internal static class DetailText
{
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Value(object? value) => value switch
    {
        null => "(missing)",
        double number => Number(number),
        bool flag => flag ? "true" : "false",
        string text => $"\"{text}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
