using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Rules.Definitions;

/// <summary>
/// Reads typed values out of a YAML tree and collects every problem with its position, the rule being read and the
/// field, instead of stopping at the first (the site registry's loader works the same way).
/// </summary>
internal sealed class YamlWalker(string file)
{
    public const int MaxProblems = 100;

    private readonly List<RuleProblem> _problems = [];

    public string File => file;

    public IReadOnlyList<RuleProblem> Problems => _problems;

    /// <summary>The problems in the order they appear in the file, as a person fixes them.</summary>
    public IReadOnlyList<RuleProblem> ProblemsInFileOrder => [.. _problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];

    /// <summary>The id of the rule being read, named in every problem found meanwhile.</summary>
    public string? RuleId { get; set; }

    /// <summary>Parses <paramref name="yaml"/>; null (with a problem) when it is not YAML, an empty document when it is empty.</summary>
    public YamlNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            Add((int)e.Start.Line, (int)e.Start.Column, null, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }

        return stream.Documents.Count == 0 ? new YamlSequenceNode() : stream.Documents[0].RootNode;
    }

    public void Problem(YamlNode node, string? field, string message) => Add((int)node.Start.Line, (int)node.Start.Column, field, message);

    public void Add(int line, int column, string? field, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new RuleProblem(file, Math.Max(line, 1), Math.Max(column, 1), RuleId, field, message));
        }
    }

    /// <summary>The entries of a map by key; unknown keys and missing required keys are problems.</summary>
    public Dictionary<string, YamlNode>? Map(YamlNode node, string? field, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem(node, field, $"must be a map with {string.Join(", ", required.Count > 0 ? required : allowed)}");
            return null;
        }

        var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Problem(keyNode, Join(field, key), $"unknown key \"{key}\" (allowed: {string.Join(", ", allowed)})");
            }
            else
            {
                map[key] = value;
            }
        }

        foreach (var key in required.Where(k => !map.ContainsKey(k)))
        {
            Problem(node, Join(field, key), "is required");
        }

        return map;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string? field)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }

        Problem(node, field, "must be a list");
        return [];
    }

    public string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Problem(node, field, "must be a non-empty value");
        return null;
    }

    /// <summary>One value or a list of values.</summary>
    public IReadOnlyList<string> Texts(YamlNode node, string field) => node is YamlSequenceNode sequence
        ? [.. sequence.Children.Select(child => Text(child, field)).OfType<string>()]
        : Text(node, field) is { } one ? [one] : [];

    public bool? Bool(YamlNode node, string field)
    {
        var text = Text(node, field);
        if (text is "true" or "false")
        {
            return text == "true";
        }

        if (text is not null)
        {
            Problem(node, field, $"must be true or false (was \"{text}\")");
        }

        return null;
    }

    public double? Number(YamlNode node, string field)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Problem(node, field, $"must be a number (was \"{text}\")");
        return null;
    }

    public TimeSpan? Duration(YamlNode node, string field, TimeSpan minimum)
    {
        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (!Durations.TryParse(text, out var duration))
        {
            Problem(node, field, $"\"{text}\" is not a duration such as 30s, 10m, 1h30m or 2d");
            return null;
        }

        if (duration < minimum)
        {
            Problem(node, field, $"{text} is too short: at least {Durations.Format(minimum)}");
            return null;
        }

        return duration;
    }

    public static string Join(string? parent, string key) => parent is null ? key : $"{parent}.{key}";
}
