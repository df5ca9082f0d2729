using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// Durations as rule files write them: one or more number-unit pairs, largest unit first — <c>30s</c>, <c>10m</c>,
/// <c>1h30m</c>, <c>2d</c>; units d, h, m, s, ms. A bare number is refused, because "10" could mean seconds or minutes.
/// </summary>
public static partial class Durations
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
        [("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1))];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            return false;
        }

        var lastUnit = -1;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var split = part.Value.IndexOfAny(['d', 'h', 'm', 's']);
            var unit = Array.FindIndex(Units, u => u.Unit == part.Value[split..]);
            if (unit <= lastUnit || !long.TryParse(part.Value.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 1_000_000)
            {
                return false;
            }

            lastUnit = unit;
            duration += Units[unit].Size * count;
        }

        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as <paramref name="duration"/>, e.g. 1h30m.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder(duration < TimeSpan.Zero ? "-" : "");
        var rest = duration.Duration();
        foreach (var (unit, size) in Units)
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= size * count;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^(?<part>\d+(?:ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
