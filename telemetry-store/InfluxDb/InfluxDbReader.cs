using System.Globalization;
using System.Text.Json;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>
/// The read side over InfluxQL (served by 1.x, by 2.x through DBRP mappings and by 3.x). Measurement = kind;
/// a read over every kind lists the measurements first and leaves out event measurements, because InfluxQL's
/// regular expressions (RE2) cannot say "not ending in _events".
/// </summary>
internal sealed class InfluxDbReader(InfluxDbConnection connection)
{
    public async Task<IReadOnlyList<StoredPoint>> LatestAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        var measurements = await MeasurementsAsync(filter, cancellationToken).ConfigureAwait(false);
        if (measurements.Count == 0)
        {
            return [];
        }

        // GROUP BY * makes one series per tag set, so LIMIT 1 is the newest row (= point) of each series.
        var result = await connection.QueryAsync(
            $"SELECT * FROM {InfluxQl.From(measurements)}{InfluxQl.Where(filter, null)} GROUP BY * ORDER BY time DESC LIMIT 1", false, cancellationToken)
            .ConfigureAwait(false);
        return [.. Points(result)
            .GroupBy(p => (p.Kind, p.Device))
            .Select(g => g.MaxBy(p => p.Timestamp)!)
            .OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Device, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<StoredPoint>> RangeAsync(SeriesFilter filter, TimeRange range, int limit, CancellationToken cancellationToken)
    {
        var measurements = await MeasurementsAsync(filter, cancellationToken).ConfigureAwait(false);
        if (measurements.Count == 0)
        {
            return [];
        }

        // Without GROUP BY each measurement comes back as one time-ordered series (tags as columns) limited on its
        // own; the global order and limit are applied here, with the same tie order as the SQLite store.
        var result = await connection.QueryAsync(
            string.Create(CultureInfo.InvariantCulture,
                $"SELECT * FROM {InfluxQl.From(measurements)}{InfluxQl.Where(filter, range)} ORDER BY time ASC LIMIT {limit}"),
            false, cancellationToken).ConfigureAwait(false);
        return [.. Points(result)
            .OrderBy(p => p.Timestamp)
            .ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Device, StringComparer.Ordinal)
            .ThenBy(p => p.Grid, StringComparer.Ordinal).ThenBy(p => p.Site, StringComparer.Ordinal).ThenBy(p => p.Zone, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary>
    /// Counts points exactly. InfluxQL has no count of rows: count(*) counts each field apart, and fields vary from
    /// point to point (seq is optional too), so no single field count is the point count. A point is one row of
    /// <c>SELECT *</c> (fields at the same series and time merge into one row), so the rows are counted, streamed in
    /// chunks. It costs a scan of the range — fine for checks and load tools, which is what the port offers it for.
    /// </summary>
    public async Task<long> CountAsync(SeriesFilter filter, TimeRange range, CancellationToken cancellationToken)
    {
        var measurements = await MeasurementsAsync(filter, cancellationToken).ConfigureAwait(false);
        if (measurements.Count == 0)
        {
            return 0;
        }

        long count = 0;
        await connection.StreamQueryAsync($"SELECT * FROM {InfluxQl.From(measurements)}{InfluxQl.Where(filter, range)}", result =>
        {
            foreach (var series in Series(result))
            {
                count += series.GetProperty("values").GetArrayLength();
            }
        }, cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query, long windowMs, CancellationToken cancellationToken)
    {
        var measurements = await MeasurementsAsync(query.Filter, cancellationToken).ConfigureAwait(false);
        if (measurements.Count == 0)
        {
            return [];
        }

        var field = InfluxQl.Identifier(query.Field);
        var from = InfluxQl.From(measurements);
        var where = InfluxQl.Where(query.Filter, query.Range);
        var window = string.Create(CultureInfo.InvariantCulture, $"time({windowMs}ms)");
        var tag = query.GroupBy == GroupBy.Kind ? null : InfluxQl.TagOf(query.GroupBy);
        var groupBy = tag is null ? window : $"{window}, {InfluxQl.Identifier(tag)}";
        string Group(JsonElement series) => tag is null ? series.GetProperty("name").GetString()! : TagValue(series, tag);

        // InfluxDB keeps measurements apart even in one query; when a grouping by tag spans several measurements,
        // their windows are merged here from partial aggregates (mean = Σsum / Σcount).
        var acrossMeasurements = tag is not null && measurements.Count > 1;
        if (!acrossMeasurements)
        {
            var result = await connection.QueryAsync(
                $"SELECT {InfluxQl.Function(query.Function)}({field}) FROM {from}{where} GROUP BY {groupBy} fill(none)", false, cancellationToken)
                .ConfigureAwait(false);
            return Order(Rows(result, Group).Select(r => new AggregateRow(r.Group, r.Window, r.Values[0])));
        }

        if (query.Function == AggregateFunction.Last)
        {
            return await LastAcrossMeasurementsAsync(query, windowMs, from, tag!, cancellationToken).ConfigureAwait(false);
        }

        var select = query.Function == AggregateFunction.Mean ? $"sum({field}), count({field})" : $"{InfluxQl.Function(query.Function)}({field})";
        var partials = await connection.QueryAsync($"SELECT {select} FROM {from}{where} GROUP BY {groupBy} fill(none)", false, cancellationToken)
            .ConfigureAwait(false);
        return Order(Rows(partials, Group)
            .GroupBy(r => (r.Group, r.Window))
            .Select(g => new AggregateRow(g.Key.Group, g.Key.Window, query.Function switch
            {
                AggregateFunction.Mean => g.Sum(r => r.Values[0]) / g.Sum(r => r.Values[1]),
                AggregateFunction.Min => g.Min(r => r.Values[0]),
                AggregateFunction.Max => g.Max(r => r.Values[0]),
                _ => g.Sum(r => r.Values[0]),
            })));
    }

    /// <summary>last() per measurement reports the window start, not the point's time, so the newest across measurements is found from the raw values.</summary>
    private async Task<IReadOnlyList<AggregateRow>> LastAcrossMeasurementsAsync(
        AggregateQuery query, long windowMs, string from, string tag, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<(string Group, long Window), (long Time, double Value)>();
        var field = InfluxQl.Identifier(query.Field);
        await connection.StreamQueryAsync(
            $"SELECT {field}, {InfluxQl.Identifier(tag)} FROM {from}{InfluxQl.Where(query.Filter, query.Range)}", result =>
            {
                foreach (var series in Series(result))
                {
                    var columns = Columns(series);
                    int valueAt = Array.IndexOf(columns, query.Field), tagAt = Array.IndexOf(columns, tag);
                    foreach (var row in series.GetProperty("values").EnumerateArray())
                    {
                        if (row[valueAt].ValueKind != JsonValueKind.Number)
                        {
                            continue;
                        }

                        var time = row[0].GetInt64();
                        var key = (row[tagAt].GetString() ?? "", ReadChecks.WindowStart(time, windowMs));
                        if (!newest.TryGetValue(key, out var seen) || seen.Time <= time)
                        {
                            newest[key] = (time, row[valueAt].GetDouble());
                        }
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        return Order(newest.Select(n => new AggregateRow(n.Key.Group, ReadChecks.FromMs(n.Key.Window), n.Value.Value)));
    }

    private async Task<IReadOnlyList<string>> MeasurementsAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        if (filter.Kind is not null)
        {
            return [filter.Kind];
        }

        var result = await connection.QueryAsync("SHOW MEASUREMENTS", false, cancellationToken).ConfigureAwait(false);
        return [.. Series(result)
            .SelectMany(s => s.GetProperty("values").EnumerateArray())
            .Select(v => v[0].GetString()!)
            .Where(TelemetryMeasurements.IsTelemetry)];
    }

    private static List<AggregateRow> Order(IEnumerable<AggregateRow> rows) =>
        [.. rows.OrderBy(r => r.WindowStart).ThenBy(r => r.Group, StringComparer.Ordinal)];

    private static IEnumerable<(string Group, DateTimeOffset Window, double[] Values)> Rows(JsonElement result, Func<JsonElement, string> group)
    {
        foreach (var series in Series(result))
        {
            var name = group(series);
            foreach (var row in series.GetProperty("values").EnumerateArray())
            {
                var values = new double[row.GetArrayLength() - 1];
                var complete = true;
                for (var i = 0; i < values.Length; i++)
                {
                    complete &= row[i + 1].ValueKind == JsonValueKind.Number;
                    values[i] = complete ? row[i + 1].GetDouble() : 0;
                }

                if (complete)
                {
                    yield return (name, ReadChecks.FromMs(row[0].GetInt64()), values);
                }
            }
        }
    }

    /// <summary>Rows as points. Tags come from the series' "tags" (GROUP BY *) or from tag columns (no GROUP BY).</summary>
    private static IEnumerable<StoredPoint> Points(JsonElement result)
    {
        foreach (var series in Series(result))
        {
            var kind = series.GetProperty("name").GetString()!;
            var columns = Columns(series);
            foreach (var row in series.GetProperty("values").EnumerateArray())
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var key in InfluxQl.TagKeys)
                {
                    tags[key] = TagValue(series, key);
                }

                long? seq = null;
                var values = new Dictionary<string, object>(StringComparer.Ordinal);
                for (var i = 1; i < columns.Length; i++)
                {
                    var cell = row[i];
                    if (cell.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    var column = columns[i];
                    if (Array.IndexOf(InfluxQl.TagKeys, column) >= 0)
                    {
                        tags[column] = cell.GetString() ?? "";
                    }
                    else if (column == LineProtocol.LineProtocolEncoder.SeqField && cell.TryGetInt64(out var s))
                    {
                        seq = s;
                    }
                    else
                    {
                        values[column] = cell.ValueKind switch
                        {
                            JsonValueKind.Number => cell.GetDouble(),
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => cell.GetString()!,
                        };
                    }
                }

                yield return new StoredPoint(kind, tags["site"], tags["grid"], tags["zone"], tags["device"], ReadChecks.FromMs(row[0].GetInt64()), seq, values);
            }
        }
    }

    private static IEnumerable<JsonElement> Series(JsonElement result)
    {
        if (!result.TryGetProperty("series", out var series))
        {
            yield break;
        }

        foreach (var item in series.EnumerateArray())
        {
            yield return item;
        }
    }

    private static string[] Columns(JsonElement series) => [.. series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    private static string TagValue(JsonElement series, string key) =>
        series.TryGetProperty("tags", out var tags) && tags.TryGetProperty(key, out var value) ? value.GetString() ?? "" : "";
}
