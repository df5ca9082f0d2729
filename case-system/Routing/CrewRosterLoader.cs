using System.Globalization;
using System.Text.RegularExpressions;
using ParkCommunity.CaseSystem.WorkOrders;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.CaseSystem.Routing;

/// <summary>The roster file is wrong; <see cref="Problems"/> lists each problem as <c>file:line: message</c>.</summary>
public sealed class CrewRosterException : Exception
{
    public CrewRosterException(IReadOnlyList<string> problems)
        : base("Invalid crew roster:" + Environment.NewLine + string.Join(Environment.NewLine, problems)) => Problems = problems;

    public CrewRosterException() => Problems = [];

    public CrewRosterException(string message) : base(message) => Problems = [message];

    public CrewRosterException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Reads a crew roster from YAML (see deploy/sample-community/crews.yaml). Walks the YAML node tree rather than
/// deserialising into classes so every problem can point at its line, and reports all of them at once.
/// </summary>
public static partial class CrewRosterLoader
{
    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    public static CrewRoster Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = File.OpenText(path);
        return Parse(reader, Path.GetFileName(path));
    }

    public static CrewRoster Parse(TextReader yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var problems = new List<string>();
        void Problem(YamlNode? node, string message) => problems.Add($"{fileName}:{node?.Start.Line ?? 1}: {message}");

        var stream = new YamlStream();
        try
        {
            stream.Load(yaml);
        }
        catch (YamlException exception)
        {
            throw new CrewRosterException([$"{fileName}:{exception.Start.Line}: {exception.Message}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CrewRosterException([$"{fileName}:1: the roster must be a mapping with 'timeZone' and 'crews'"]);
        }

        var timeZone = TimeZoneInfo.Utc;
        var zoneNode = Child(root, "timeZone");
        if (Scalar(zoneNode) is not { } zoneId)
        {
            Problem(zoneNode ?? root, "'timeZone' (an IANA id such as Asia/Shanghai) is required");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out timeZone!))
        {
            Problem(zoneNode, $"unknown time zone '{zoneId}'");
            timeZone = TimeZoneInfo.Utc;
        }

        var crews = new List<Crew>();
        if (Child(root, "crews") is not YamlSequenceNode crewNodes || crewNodes.Children.Count == 0)
        {
            Problem(Child(root, "crews") ?? root, "'crews' must be a non-empty list");
        }
        else
        {
            foreach (var crewNode in crewNodes)
            {
                if (ReadCrew(crewNode, Problem) is { } crew)
                {
                    if (crews.Any(c => c.Id == crew.Id))
                    {
                        Problem(crewNode, $"crew id '{crew.Id}' is used twice");
                    }

                    crews.Add(crew);
                }
            }
        }

        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(root, "defaults") is { } defaultsNode)
        {
            if (defaultsNode is not YamlMappingNode mapping)
            {
                Problem(defaultsNode, "'defaults' must map grid ids to crew ids");
            }
            else
            {
                foreach (var (gridNode, crewNode) in mapping.Children)
                {
                    var grid = Scalar(gridNode) ?? "";
                    var crewId = Scalar(crewNode);
                    if (crewId is null || !crews.Any(c => c.Id == crewId))
                    {
                        Problem(crewNode, $"default crew '{crewId}' for grid '{grid}' is not a crew in this roster");
                    }
                    else
                    {
                        defaults[grid] = crewId;
                    }
                }
            }
        }

        var managers = ReadManagers(Child(root, "managers"), Problem);
        return problems.Count > 0
            ? throw new CrewRosterException(problems)
            : new CrewRoster(timeZone, crews, defaults) { ManagersByGrid = managers };
    }

    private static Crew? ReadCrew(YamlNode node, Action<YamlNode?, string> problem)
    {
        if (node is not YamlMappingNode crew)
        {
            problem(node, "a crew must be a mapping with id, skills, grids and shifts");
            return null;
        }

        var failed = false;
        void Fail(YamlNode? at, string message)
        {
            failed = true;
            problem(at, message);
        }

        var id = Scalar(Child(crew, "id"));
        if (id is null || !IdPattern().IsMatch(id))
        {
            Fail(Child(crew, "id") ?? crew, $"crew id '{id}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }

        var skills = new HashSet<WorkOrderCategory>();
        foreach (var skillNode in List(crew, "skills", id, Fail))
        {
            if (Scalar(skillNode) is { } name && WireNames.TryParse(name, out WorkOrderCategory skill))
            {
                skills.Add(skill);
            }
            else
            {
                Fail(skillNode, $"unknown skill '{Scalar(skillNode)}' (one of: {string.Join(", ", WireNames.AllCategories)})");
            }
        }

        var grids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gridNode in List(crew, "grids", id, Fail))
        {
            if (Scalar(gridNode) is { } grid && IdPattern().IsMatch(grid))
            {
                grids.Add(grid);
            }
            else
            {
                Fail(gridNode, $"grid '{Scalar(gridNode)}' is not a valid grid id");
            }
        }

        var shifts = new List<Shift>();
        foreach (var shiftNode in List(crew, "shifts", id, Fail))
        {
            if (ReadShift(shiftNode, Fail) is { } shift)
            {
                shifts.Add(shift);
            }
        }

        return failed ? null : new Crew(id!, Scalar(Child(crew, "name")) ?? id!, skills, grids, shifts);
    }

    private static Shift? ReadShift(YamlNode node, Action<YamlNode?, string> fail)
    {
        if (node is not YamlMappingNode shift)
        {
            fail(node, "a shift must be a mapping with days, from and to");
            return null;
        }

        var days = new HashSet<DayOfWeek>();
        var ok = true;
        foreach (var dayNode in List(shift, "days", "shift", fail))
        {
            if (Scalar(dayNode) is { } name && DayNames.TryGetValue(name, out var day))
            {
                days.Add(day);
            }
            else
            {
                fail(dayNode, $"unknown day '{Scalar(dayNode)}' (mon, tue, wed, thu, fri, sat, sun)");
                ok = false;
            }
        }

        TimeOnly? Time(string key)
        {
            var timeNode = Child(shift, key);
            if (TimeOnly.TryParseExact(Scalar(timeNode), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                return value;
            }

            fail(timeNode ?? shift, $"shift '{key}' must be a local time HH:mm, not '{Scalar(timeNode)}'");
            return null;
        }

        var from = Time("from");
        var to = Time("to");
        return ok && days.Count > 0 && from is { } f && to is { } t ? new Shift(days, f, t) : null;
    }

    private static IEnumerable<YamlNode> List(YamlMappingNode parent, string key, string? owner, Action<YamlNode?, string> fail)
    {
        if (Child(parent, key) is YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            return sequence.Children;
        }

        fail(Child(parent, key) ?? parent, $"'{key}' of {owner ?? "crew"} must be a non-empty list");
        return [];
    }

    private static YamlNode? Child(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node) => node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
