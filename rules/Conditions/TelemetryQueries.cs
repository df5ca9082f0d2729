using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Reads of whole time ranges and latest points for many devices. The reader's range read takes a limit, so a range is
/// read page by page (from the last timestamp seen, skipping points already read) and never silently cut short; device
/// lists go in chunks so a selection of thousands of devices does not become one enormous query.
/// </summary>
internal static class TelemetryQueries
{
    public const int PageSize = 5_000;
    public const int DevicesPerQuery = 200;

    /// <summary>Points of <paramref name="devices"/> in [from, toExclusive), oldest first per device.</summary>
    public static async Task<List<StoredPoint>> RangeAsync(
        ITelemetryReader reader, string? kind, IReadOnlyList<string> devices, DateTimeOffset from, DateTimeOffset toExclusive, CancellationToken cancellationToken)
    {
        var points = new List<StoredPoint>();
        foreach (var chunk in devices.Chunk(DevicesPerQuery))
        {
            var filter = new SeriesFilter(kind, Devices: chunk);
            var start = from;
            var seenAtStart = new HashSet<(string, string, string, string, string)>();
            while (true)
            {
                var page = await reader.RangeAsync(filter, new TimeRange(start, toExclusive), PageSize, cancellationToken).ConfigureAwait(false);
                points.AddRange(page.Where(p => p.Timestamp != start || !seenAtStart.Contains(Key(p))));
                if (page.Count < PageSize)
                {
                    break;
                }

                var last = page[^1].Timestamp;
                if (last == start)
                {
                    throw new InvalidOperationException(
                        $"More than {PageSize} points of one timestamp ({last:O}) in measurement {kind ?? "(any)"}: cannot page through them.");
                }

                start = last;
                seenAtStart = [.. page.Where(p => p.Timestamp == last).Select(Key)];
            }
        }

        return points;
    }

    /// <summary>The latest point of each of <paramref name="devices"/> in <paramref name="kind"/> (null: any telemetry kind).</summary>
    public static async Task<List<StoredPoint>> LatestAsync(ITelemetryReader reader, string? kind, IReadOnlyList<string> devices, CancellationToken cancellationToken)
    {
        var points = new List<StoredPoint>();
        foreach (var chunk in devices.Chunk(DevicesPerQuery))
        {
            points.AddRange(await reader.LatestAsync(new SeriesFilter(kind, Devices: chunk), cancellationToken).ConfigureAwait(false));
        }

        return points;
    }

    /// <summary>The event measurement of a device kind, where the gateway stores its events and status changes.</summary>
    public static string Events(string kind) => kind + TelemetryMeasurements.EventSuffix;

    private static (string, string, string, string, string) Key(StoredPoint p) => (p.Kind, p.Site, p.Grid, p.Zone, p.Device);
}
