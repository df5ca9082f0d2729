namespace ParkCommunity.TelemetryStore.Reading;

/// <summary>The read side of the telemetry store port: what rules and dashboards ask of it.</summary>
public interface ITelemetryReader
{
    /// <summary>The most recent point of each device that matches <paramref name="filter"/>.</summary>
    Task<IReadOnlyList<StoredPoint>> LatestAsync(SeriesFilter filter, CancellationToken cancellationToken);

    /// <summary>Points in <paramref name="range"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredPoint>> RangeAsync(SeriesFilter filter, TimeRange range, int limit, CancellationToken cancellationToken);

    /// <summary>One numeric field aggregated per window and group, oldest window first; empty windows are omitted.</summary>
    Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken);

    /// <summary>The number of points matching <paramref name="filter"/> in <paramref name="range"/> — for checks and load tools.</summary>
    Task<long> CountAsync(SeriesFilter filter, TimeRange range, CancellationToken cancellationToken);
}

/// <summary>A half-open time range [Start, End).</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>Which series a read covers; null means any. <see cref="Kind"/> is the measurement.</summary>
public sealed record SeriesFilter(string? Kind = null, string? Site = null, string? Grid = null, string? Zone = null, IReadOnlyList<string>? Devices = null)
{
    public static SeriesFilter All { get; } = new();
}

/// <summary>A point as read back: its series tags, time, sequence number and values by name.</summary>
public sealed record StoredPoint(
    string Kind,
    string Site,
    string Grid,
    string Zone,
    string Device,
    DateTimeOffset Timestamp,
    long? Seq,
    IReadOnlyDictionary<string, object> Values);

public enum AggregateFunction
{
    Mean,
    Min,
    Max,
    Sum,
    Count,
    Last,
}

public enum GroupBy
{
    Device,
    Zone,
    Grid,
    Kind,
}

public sealed record AggregateQuery(
    SeriesFilter Filter,
    string Field,
    AggregateFunction Function,
    TimeSpan Window,
    GroupBy GroupBy,
    TimeRange Range);

/// <summary>One window of one group: <see cref="Group"/> is the device, zone, grid or kind it stands for.</summary>
public sealed record AggregateRow(string Group, DateTimeOffset WindowStart, double Value);
