using System.Globalization;

namespace ParkCommunity.TelemetryStore.Reading;

/// <summary>
/// Argument checks and time conversions both adapters share, so a bad query fails the same way on
/// either backend and windows line up the same way.
/// </summary>
internal static class ReadChecks
{
    public static void Filter(SeriesFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Devices is { } devices && devices.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("SeriesFilter.Devices holds an empty device id.", nameof(filter));
        }
    }

    public static void Range(TimeRange range)
    {
        if (range.End < range.Start)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The time range ends ({range.End:O}) before it starts ({range.Start:O})."),
                nameof(range));
        }
    }

    public static void Limit(int limit) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

    /// <summary>Checks the query and returns its window in whole milliseconds.</summary>
    public static long Aggregate(AggregateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Filter(query.Filter);
        Range(query.Range);
        if (string.IsNullOrWhiteSpace(query.Field))
        {
            throw new ArgumentException("AggregateQuery.Field is empty: name the numeric field to aggregate.", nameof(query));
        }

        if (!Enum.IsDefined(query.Function) || !Enum.IsDefined(query.GroupBy))
        {
            throw new ArgumentException($"AggregateQuery has an unknown function {query.Function} or grouping {query.GroupBy}.", nameof(query));
        }

        // Both backends bucket on whole milliseconds (the storage precision).
        if (query.Window < TimeSpan.FromMilliseconds(1) || query.Window.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"AggregateQuery.Window {query.Window} must be a positive whole number of milliseconds."),
                nameof(query));
        }

        return (long)query.Window.TotalMilliseconds;
    }

    /// <summary>True when a device list was given but is empty: nothing can match.</summary>
    public static bool MatchesNothing(SeriesFilter filter) => filter.Devices is { Count: 0 };

    /// <summary>The start of the window holding <paramref name="timestampMs"/>: windows start at multiples of the window since the Unix epoch, as InfluxDB's GROUP BY time() does.</summary>
    public static long WindowStart(long timestampMs, long windowMs) => timestampMs - (((timestampMs % windowMs) + windowMs) % windowMs);

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
