using System.Net;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

/// <summary>
/// Writes encoded batches to the real InfluxDB 1.x started by ./test.sh and reads them back with InfluxQL:
/// every measurement, tag, field name and value must come back exactly as given — except that a newline, carriage
/// return or tab in a name or tag is stored as the two characters \n, \r, \t (line protocol cannot carry them
/// there; PointData does the same).
/// </summary>
public sealed class InfluxDbRoundTripTests : IAsyncLifetime, IDisposable
{
    private const int Points = 400;
    private readonly HttpClient _http = new() { BaseAddress = TestServers.InfluxDbUrl };
    private readonly string _database = TestServers.UniqueName("lineprotocol");

    public async Task InitializeAsync() => (await QueryAsync($"CREATE DATABASE \"{_database}\"", HttpMethod.Post)).Dispose();

    // xunit calls DisposeAsync (drop the database) before Dispose (release the client).
    public async Task DisposeAsync() => (await QueryAsync($"DROP DATABASE \"{_database}\"", HttpMethod.Post)).Dispose();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task EveryGeneratedPointReadsBackExactlyAsItWasEncoded()
    {
        var generator = new GeneratedPoints(seed: 1_764_348);
        var points = Enumerable.Range(0, Points).Select(i => generator.Next(TimestampFor(i))).ToArray();
        using var output = new PooledBufferWriter();
        var rejected = new List<RejectedPoint>();

        Assert.Equal(Points, LineProtocolEncoder.AppendBatch(GeneratedPoints.Batch(points), output, rejected));
        Assert.Empty(rejected);

        using var body = new ReadOnlyMemoryContent(output.WrittenMemory);
        using var write = await _http.PostAsync(new Uri($"/write?db={_database}&precision=ms", UriKind.Relative), body);
        Assert.True(write.StatusCode == HttpStatusCode.NoContent, await write.Content.ReadAsStringAsync());

        var stored = await ReadBackAsync();
        Assert.Equal(Points, stored.Count);
        foreach (var point in points)
        {
            var key = (AsStored(point.Series.Kind), TagsAsStored(point.Series), point.TimestampMs);
            Assert.True(stored.TryGetValue(key, out var fields), $"Point {point.Series} at {point.TimestampMs} was not read back.");
            Assert.Equal(ExpectedFields(point), fields);
        }
    }

    /// <summary>Spread over InfluxDB's whole range (1677–2262), including before 1970; unique so no point overwrites another.</summary>
    private static long TimestampFor(int i) => (i % 4) switch
    {
        0 => LineProtocolEncoder.MinTimestampMs + i,
        1 => LineProtocolEncoder.MaxTimestampMs - i,
        2 => -1_000_000L * i,
        _ => 1_764_348_240_123L + i,
    };

    private async Task<Dictionary<(string Measurement, string Tags, long Time), SortedDictionary<string, string>>> ReadBackAsync()
    {
        // GROUP BY * puts tags in each series' "tags" object, so columns are only time and fields.
        using var json = await QueryAsync("SELECT * FROM /.*/ GROUP BY *", HttpMethod.Get);
        var result = json.RootElement.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("error", out var error), error.ToString());

        var stored = new Dictionary<(string, string, long), SortedDictionary<string, string>>();
        foreach (var series in result.GetProperty("series").EnumerateArray())
        {
            var measurement = series.GetProperty("name").GetString()!;
            var tags = string.Join('|', series.GetProperty("tags").EnumerateObject().OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => $"{t.Name}={t.Value.GetString()}"));
            var columns = series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var row in series.GetProperty("values").EnumerateArray())
            {
                var values = row.EnumerateArray().ToArray();
                var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
                for (var c = 1; c < columns.Length; c++)
                {
                    if (values[c].ValueKind != JsonValueKind.Null)
                    {
                        fields[columns[c]] = Canonical(columns[c], values[c]);
                    }
                }

                stored.Add((measurement, tags, values[0].GetInt64()), fields);
            }
        }

        return stored;
    }

    private async Task<JsonDocument> QueryAsync(string influxQl, HttpMethod method)
    {
        var query = $"/query?db={Uri.EscapeDataString(_database)}&epoch=ms&q={Uri.EscapeDataString(influxQl)}";
        using var request = new HttpRequestMessage(method, new Uri(query, UriKind.Relative));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{influxQl}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static SortedDictionary<string, string> ExpectedFields(GeneratedPoint point)
    {
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in point.Fields)
        {
            expected[AsStored(field.Name)] = field.Type switch
            {
                FieldType.Number => Bits(field.Number),
                FieldType.Boolean => field.Boolean ? "true" : "false",
                _ => "\"" + field.Text,
            };
        }

        if (point.Seq is { } seq)
        {
            expected["seq"] = FormattableString.Invariant($"{seq}");
        }

        return expected;
    }

    /// <summary>
    /// Doubles as their bits (JSON writes 296.0 as 296, so only the column tells it from an integer), seq as its exact
    /// integer, strings marked so the string "true" is not the boolean true.
    /// </summary>
    private static string Canonical(string column, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "\"" + value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ when column == LineProtocolEncoder.SeqField => FormattableString.Invariant($"{value.GetInt64()}"),
        _ => Bits(value.GetDouble()),
    };

    private static string Bits(double value) => FormattableString.Invariant($"0x{BitConverter.DoubleToInt64Bits(value):X16}");

    private static string TagsAsStored(SeriesKey series) => string.Join('|',
        new[] { ("device", series.Device), ("grid", series.Grid), ("site", series.Site), ("zone", series.Zone) }
            .Select(t => $"{t.Item1}={AsStored(t.Item2)}"));

    private static string AsStored(string name) => name
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
