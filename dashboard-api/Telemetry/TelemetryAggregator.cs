using System.Globalization;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Telemetry;

/// <summary>A query the store cannot answer as asked; the message names the parameter to change.</summary>
internal sealed class TelemetryQueryException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;

    public TelemetryQueryException() : this("query", "The telemetry query cannot be answered.") { }

    public TelemetryQueryException(string message) : this("query", message) { }

    public TelemetryQueryException(string message, Exception inner) : this("query", message) => _ = inner;
}

/// <summary>
/// Aggregates through the store, except boolean fields (occupied, on, door_open…), which neither InfluxDB nor the
/// embedded store aggregate: those are read page by page and counted here as 1/0, so <c>mean</c> is the share of
/// readings that were true (occupancy), <c>sum</c> the number of true readings. That path reads every point, so it is
/// capped at <see cref="MaxBooleanPoints"/>.
/// </summary>
internal sealed class TelemetryAggregator(ITelemetryReader reader)
{
    public const long MaxBooleanPoints = 5_000_000;

    public async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Filter.Kind is { } kind && KnownFields.IsBoolean(kind, query.Field) && query.Function != AggregateFunction.Count)
        {
            return await AggregateBooleanAsync(query, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await reader.AggregateAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Cannot compute", StringComparison.Ordinal))
        {
            throw new TelemetryQueryException("field", ex.Message);
        }
    }

    private async Task<IReadOnlyList<AggregateRow>> AggregateBooleanAsync(AggregateQuery query, CancellationToken cancellationToken)
    {
        var points = await reader.CountAsync(query.Filter, query.Range, cancellationToken).ConfigureAwait(false);
        if (points > MaxBooleanPoints)
        {
            throw new TelemetryQueryException("from", string.Create(CultureInfo.InvariantCulture,
                $"Boolean field '{query.Field}' is aggregated by reading every point, and this range holds {points}; at most {MaxBooleanPoints} — choose a shorter range or a grid or zone."));
        }

        var windowMs = (long)query.Window.TotalMilliseconds;
        var cells = new Dictionary<(long Window, string Group), (double Sum, long Count, double Min, double Max)>();
        await foreach (var page in TelemetryPages.ReadAsync(reader, query.Filter, query.Range, MaxBooleanPoints, cancellationToken).ConfigureAwait(false))
        {
            foreach (var point in page)
            {
                if (!point.Values.TryGetValue(query.Field, out var raw) || raw is not bool flag)
                {
                    continue;
                }

                var value = flag ? 1.0 : 0.0;
                var ms = point.Timestamp.ToUnixTimeMilliseconds();
                var key = (ms - (((ms % windowMs) + windowMs) % windowMs), GroupOf(point, query.GroupBy));
                cells[key] = cells.TryGetValue(key, out var c)
                    ? (c.Sum + value, c.Count + 1, Math.Min(c.Min, value), Math.Max(c.Max, value))
                    : (value, 1, value, value);
            }
        }

        return [.. cells.OrderBy(c => c.Key.Window).ThenBy(c => c.Key.Group, StringComparer.Ordinal).Select(c => new AggregateRow(
            c.Key.Group,
            DateTimeOffset.FromUnixTimeMilliseconds(c.Key.Window),
            query.Function switch
            {
                AggregateFunction.Mean => c.Value.Sum / c.Value.Count,
                AggregateFunction.Sum => c.Value.Sum,
                AggregateFunction.Min => c.Value.Min,
                AggregateFunction.Max => c.Value.Max,
                _ => c.Value.Count,
            }))];
    }

    private static string GroupOf(StoredPoint point, GroupBy groupBy) => groupBy switch
    {
        GroupBy.Device => point.Device,
        GroupBy.Zone => point.Zone,
        GroupBy.Grid => point.Grid,
        _ => point.Kind,
    };
}
