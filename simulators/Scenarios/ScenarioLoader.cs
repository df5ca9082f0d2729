using System.Globalization;
using ParkCommunity.Simulators.Faults;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Simulators.Scenarios;

/// <summary>
/// Reads a scenario file (YAML, see docs/simulators.md). Works on the YAML node tree rather than
/// deserialising into classes so that every problem — syntax or meaning — is reported with its line.
/// </summary>
internal static class ScenarioLoader
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "start", "seed", "faults" };

    public static Scenario Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, $"cannot read the scenario file: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static Scenario Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException(At(fileName, ex.Start), $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ScenarioException(fileName, "the file is empty; expected a mapping with 'faults:'");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException(At(fileName, stream.Documents[0].RootNode.Start), "expected a mapping with 'start:', 'seed:' and 'faults:'");
        }

        DateTimeOffset? start = null;
        int? seed = null;
        var faults = new List<FaultPlan>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(fileName, keyNode);
            switch (key)
            {
                case "start":
                    start = DateTimeOffset.TryParse(Scalar(fileName, value), CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
                        ? s
                        : throw new ScenarioException(At(fileName, value.Start), $"start '{Scalar(fileName, value)}' is not a date and time such as 2025-06-21T00:00:00+08:00");
                    break;
                case "seed":
                    seed = int.TryParse(Scalar(fileName, value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new ScenarioException(At(fileName, value.Start), $"seed '{Scalar(fileName, value)}' is not a whole number");
                    break;
                case "faults":
                    faults.AddRange(Faults(fileName, value));
                    break;
                default:
                    throw new ScenarioException(At(fileName, keyNode.Start), $"unknown key '{key}' (known: {string.Join(", ", TopLevel)})");
            }
        }

        return new Scenario(start, seed, faults);
    }

    private static IEnumerable<FaultPlan> Faults(string fileName, YamlNode node)
    {
        if (node is not YamlSequenceNode list)
        {
            throw new ScenarioException(At(fileName, node.Start), "'faults' must be a list of faults, each starting with '- fault:'");
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                throw new ScenarioException(At(fileName, item.Start), "each fault must be a mapping such as '- fault: lamp_failure'");
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            var devices = new List<string>();
            foreach (var (keyNode, value) in entry.Children)
            {
                var key = Scalar(fileName, keyNode);
                if (key is "devices" or "device")
                {
                    devices.AddRange(value is YamlSequenceNode many ? many.Children.Select(d => Scalar(fileName, d)) : [Scalar(fileName, value)]);
                }
                else if (!FaultPlanReader.Settings.Contains(key))
                {
                    throw new ScenarioException(At(fileName, keyNode.Start), $"unknown fault setting '{key}' (known: {string.Join(", ", FaultPlanReader.Settings)})");
                }
                else
                {
                    settings[key] = Scalar(fileName, value);
                }
            }

            yield return FaultPlanReader.Create(settings, devices, At(fileName, entry.Start));
        }
    }

    private static string Scalar(string fileName, YamlNode node) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw new ScenarioException(At(fileName, node.Start), "expected a single value here");

    private static string At(string fileName, Mark mark) => $"{fileName}:{mark.Line}";
}
