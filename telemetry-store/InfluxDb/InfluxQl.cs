using System.Globalization;
using System.Text;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>
/// Builds InfluxQL text. Every name and value from a caller goes through <see cref="Identifier"/> or
/// <see cref="Literal"/>: InfluxQL's scanner reads \\, \", \' and \n escapes in both quoted forms
/// (influxql/scanner.go ScanString), and a raw newline is an error there.
/// </summary>
internal static class InfluxQl
{
    public static readonly string[] TagKeys = ["site", "grid", "zone", "device"];

    public static string Identifier(string name) => "\"" + Escape(name, '"') + "\"";

    public static string Literal(string value) => "'" + Escape(value, '\'') + "'";

    public static string From(IEnumerable<string> measurements) => string.Join(",", measurements.Select(Identifier));

    /// <summary>The WHERE conditions of a filter and optional range, joined with AND; empty when there are none.</summary>
    public static string Where(SeriesFilter filter, TimeRange? range, string? extra = null)
    {
        var conditions = new List<string>();
        if (range is { } r)
        {
            // Integer literals in time conditions are nanoseconds; clamp to what InfluxDB can store.
            conditions.Add(string.Create(CultureInfo.InvariantCulture, $"time >= {Nanoseconds(r.Start)} AND time < {Nanoseconds(r.End)}"));
        }

        Tag("site", filter.Site);
        Tag("grid", filter.Grid);
        Tag("zone", filter.Zone);
        if (filter.Devices is { Count: > 0 } devices)
        {
            conditions.Add("(" + string.Join(" OR ", devices.Select(d => $"{Identifier("device")} = {Literal(d)}")) + ")");
        }

        if (extra is not null)
        {
            conditions.Add(extra);
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

        void Tag(string key, string? value)
        {
            if (value is not null)
            {
                conditions.Add($"{Identifier(key)} = {Literal(value)}");
            }
        }
    }

    public static string Function(AggregateFunction function) => function switch
    {
        AggregateFunction.Mean => "mean",
        AggregateFunction.Min => "min",
        AggregateFunction.Max => "max",
        AggregateFunction.Sum => "sum",
        AggregateFunction.Count => "count",
        _ => "last",
    };

    public static string TagOf(GroupBy groupBy) => groupBy switch
    {
        GroupBy.Device => "device",
        GroupBy.Zone => "zone",
        GroupBy.Grid => "grid",
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Grouping by kind is grouping by measurement, not by a tag."),
    };

    private static long Nanoseconds(DateTimeOffset time) =>
        Math.Clamp(time.ToUnixTimeMilliseconds(), LineProtocolEncoder.MinTimestampMs, LineProtocolEncoder.MaxTimestampMs) * 1_000_000;

    private static string Escape(string text, char quote)
    {
        var escaped = new StringBuilder(text.Length + 2);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append(@"\\"),
                '\n' => escaped.Append(@"\n"),
                _ when c == quote => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
