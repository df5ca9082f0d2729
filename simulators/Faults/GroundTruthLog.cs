using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParkCommunity.Simulators.Faults;

/// <summary>
/// One injected fault as it took effect on a device, in simulated time (the time base of the payloads'
/// <c>ts</c>). <see cref="End"/> is null for a fault that lasts until the simulation stops.
/// One JSON object per line, so tests and benchmarks can compare the platform's alarms against it.
/// </summary>
public sealed record GroundTruthEntry(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("fault")] string Fault,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset? End)
{
    public static IReadOnlyList<GroundTruthEntry> ReadAll(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<GroundTruthEntry>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0)
            {
                entries.Add(JsonSerializer.Deserialize<GroundTruthEntry>(line)
                    ?? throw new InvalidDataException($"Ground-truth line is not an entry: {line}"));
            }
        }

        return entries;
    }

    public static IReadOnlyList<GroundTruthEntry> ReadAll(string path)
    {
        using var reader = File.OpenText(path);
        return ReadAll(reader);
    }
}

/// <summary>Appends <see cref="GroundTruthEntry"/> lines; flushed per entry so a crashed run still leaves its truth.</summary>
internal sealed class GroundTruthLog(TextWriter writer, bool ownsWriter = true) : IDisposable
{
    private readonly Lock _lock = new();

    /// <summary>A log that keeps nothing, for runs without a ground-truth file.</summary>
    public static GroundTruthLog Discard() => new(TextWriter.Null);

    public static GroundTruthLog ToFile(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new GroundTruthLog(new StreamWriter(path, append: true));
    }

    public void Record(GroundTruthEntry entry)
    {
        var line = JsonSerializer.Serialize(entry);
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Dispose()
    {
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }
}
