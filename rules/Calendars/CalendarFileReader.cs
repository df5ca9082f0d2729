using System.Globalization;
using System.Text.RegularExpressions;
using ParkCommunity.Rules.Definitions;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Rules.Calendars;

/// <summary>
/// Reads the calendars file (<c>calendars.yaml</c> beside the rule files):
/// <code>
/// calendars:
///   - name: cn-public-holidays
///     description: Statutory holidays
///     dates: [2026-01-01, 2026-10-01..2026-10-07]   # single days or inclusive ranges
///     yearly: [01-01, 05-01, 10-01]                  # month-day, every year
/// </code>
/// </summary>
internal static partial class CalendarFileReader
{
    public const string FileName = "calendars.yaml";

    /// <summary>The longest range a dates entry may span, so a typo in a year cannot make a calendar of thousands of days.</summary>
    private const int MaxRangeDays = 366;

    public static (RuleCalendars Calendars, IReadOnlyList<RuleProblem> Problems) Read(string yaml, string file)
    {
        var walker = new YamlWalker(file);
        var root = walker.Parse(yaml);
        var calendars = new List<RuleCalendar>();
        var map = root is null ? null : walker.Map(root, null, ["calendars"], ["calendars"]);
        if (map is not null && map.TryGetValue("calendars", out var list))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var node in walker.Sequence(list, "calendars"))
            {
                if (ReadCalendar(walker, node) is { } calendar)
                {
                    if (seen.TryGetValue(calendar.Name, out var line))
                    {
                        walker.Problem(node, "name", $"calendar \"{calendar.Name}\" is defined twice (first at line {line})");
                    }
                    else
                    {
                        seen[calendar.Name] = (int)node.Start.Line;
                        calendars.Add(calendar);
                    }
                }
            }
        }

        return (new RuleCalendars(calendars), walker.ProblemsInFileOrder);
    }

    private static RuleCalendar? ReadCalendar(YamlWalker walker, YamlNode node)
    {
        var map = walker.Map(node, "calendars[]", ["name", "description", "dates", "yearly"], ["name"]);
        if (map is null || !map.TryGetValue("name", out var nameNode) || walker.Text(nameNode, "name") is not { } name)
        {
            return null;
        }

        if (!RuleFileReader.IsValidId(name))
        {
            walker.Problem(nameNode, "name", $"calendar name \"{name}\" must match [a-z0-9-]{{1,64}}");
        }

        var field = $"calendar \"{name}\"";
        var datesNode = map.GetValueOrDefault("dates");
        var yearlyNode = map.GetValueOrDefault("yearly");
        var dates = new List<DateOnly>();
        foreach (var entry in datesNode is null ? [] : walker.Sequence(datesNode, field + " dates"))
        {
            dates.AddRange(Dates(walker, entry, field + " dates"));
        }

        var yearly = new List<(int, int)>();
        foreach (var entry in yearlyNode is null ? [] : walker.Sequence(yearlyNode, field + " yearly"))
        {
            var text = walker.Text(entry, field + " yearly");
            if (text is not null && DateTime.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                yearly.Add((day.Month, day.Day));
            }
            else if (text is not null)
            {
                walker.Problem(entry, field + " yearly", $"\"{text}\" is not a month-day such as 10-01");
            }
        }

        if (!HasEntries(datesNode) && !HasEntries(yearlyNode))
        {
            walker.Problem(node, field, "lists no dates and no yearly days");
        }

        var description = map.TryGetValue("description", out var descriptionNode) ? walker.Text(descriptionNode, field + " description") : null;
        return new RuleCalendar(name, description, dates, yearly);
    }

    private static bool HasEntries(YamlNode? node) => node is not YamlSequenceNode { Children.Count: 0 } && node is not null;

    private static IEnumerable<DateOnly> Dates(YamlWalker walker, YamlNode entry, string field)
    {
        var text = walker.Text(entry, field);
        var match = text is null ? null : DateOrRange().Match(text);
        if (match is null || !match.Success
            || !DateOnly.TryParseExact(match.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            if (text is not null)
            {
                walker.Problem(entry, field, $"\"{text}\" is not a date such as 2026-10-01 or a range such as 2026-10-01..2026-10-07");
            }

            return [];
        }

        var to = from;
        if (match.Groups["to"].Success
            && (!DateOnly.TryParseExact(match.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to)
                || to < from || to.DayNumber - from.DayNumber > MaxRangeDays))
        {
            walker.Problem(entry, field, $"\"{text}\" is not a range of valid dates, first to last, at most {MaxRangeDays} days long");
            return [];
        }

        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
    }

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})(?:\.\.(?<to>\d{4}-\d{2}-\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrRange();
}
