using System.Globalization;
using System.Text;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

/// <summary>
/// Checks the encoder against InfluxDB.Client's PointData, the reference line-protocol encoder, over thousands of
/// generated points full of characters that need escaping.
/// Measurement, tags, field names, string values, integers, booleans and the timestamp must match byte for byte.
/// Two things may legitimately differ and are compared semantically instead:
/// <list type="bullet">
/// <item>Doubles: we write the shortest round-trip form (0.1, 1E+300, -0). PointData 5.1 happens to write the same
/// text, but older versions wrote "G17" (0.10000000000000001), so numbers are compared by the bits they parse to.</item>
/// <item>Field order: PointData sorts fields by name; we keep the caller's order and put seq last. Fields are
/// compared as a set, and our order is checked on its own.</item>
/// </list>
/// </summary>
public sealed class PointDataDifferentialTests
{
    private const int Points = 3_000;

    [Fact]
    public void EveryGeneratedPointEncodesLikePointData()
    {
        var generator = new GeneratedPoints(seed: 20_251_128);
        using var output = new PooledBufferWriter(256);

        for (var n = 0; n < Points; n++)
        {
            var point = generator.Next(TimestampFor(n));
            var batch = GeneratedPoints.Batch([point]);
            output.Reset();

            Assert.True(LineProtocolEncoder.TryAppend(output, batch.Points[0], batch.FieldsOf(batch.Points[0]), out var error), error);

            var ours = Encoding.UTF8.GetString(output.WrittenSpan);
            var reference = Reference(point).ToLineProtocol();
            Assert.EndsWith("\n", ours, StringComparison.Ordinal);
            Assert.Equal(1, ours.Count(c => c == '\n') - CountRawNewlinesInStrings(point));

            var mine = ParsedLine.Parse(ours);
            var theirs = ParsedLine.Parse(reference);
            Assert.Equal(theirs.Series, mine.Series);
            Assert.Equal(theirs.Timestamp, mine.Timestamp);
            Assert.Equal(ExpectedFieldOrder(point), mine.Fields.Select(f => f.Key));

            var theirFields = theirs.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            Assert.Equal(theirFields.Count, mine.Fields.Count);
            foreach (var (key, value) in mine.Fields)
            {
                Assert.True(theirFields.TryGetValue(key, out var theirValue), $"PointData has no field {key} in: {reference}");
                if (IsNumber(point, key))
                {
                    Assert.Equal(BitsOf(theirValue), BitsOf(value));
                }
                else
                {
                    Assert.Equal(theirValue, value);
                }
            }
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteNumbersAreRefusedWithAReasonWherePointDataSilentlyDropsThem(double value)
    {
        var series = new SeriesKey("light", "site-a", "g1", "z1", "lamp-1");
        var batch = new Writing.TelemetryBatch();
        batch.Add(series, 1_764_348_240_123, 7, [TelemetryField.OfNumber("lux", 3.5), TelemetryField.OfNumber("power_w", value)]);
        using var output = new PooledBufferWriter(256);

        var written = LineProtocolEncoder.TryAppend(output, batch.Points[0], batch.FieldsOf(batch.Points[0]), out var error);

        Assert.False(written);
        Assert.Equal(0, output.WrittenCount);
        Assert.Contains("power_w", error, StringComparison.Ordinal);
        Assert.Contains("non-finite", error, StringComparison.Ordinal);
        var reference = PointData.Measurement("light").Field("lux", 3.5).Field("power_w", value).Timestamp(1L, WritePrecision.Ms).ToLineProtocol();
        Assert.DoesNotContain("power_w", reference, StringComparison.Ordinal);
    }

    private static long TimestampFor(int n) => (n % 7) switch
    {
        0 => LineProtocolEncoder.MinTimestampMs + n,
        1 => LineProtocolEncoder.MaxTimestampMs - n,
        2 => -n,
        _ => 1_764_348_240_123L + n,
    };

    private static PointData Reference(GeneratedPoint point)
    {
        var data = PointData.Measurement(point.Series.Kind)
            .Tag("site", point.Series.Site).Tag("grid", point.Series.Grid).Tag("zone", point.Series.Zone).Tag("device", point.Series.Device);
        foreach (var field in point.Fields)
        {
            data = field.Type switch
            {
                FieldType.Number => data.Field(field.Name, field.Number),
                FieldType.Boolean => data.Field(field.Name, field.Boolean),
                _ => data.Field(field.Name, field.Text!),
            };
        }

        if (point.Seq is { } seq)
        {
            data = data.Field("seq", seq);
        }

        return data.Timestamp(point.TimestampMs, WritePrecision.Ms);
    }

    private static IEnumerable<string> ExpectedFieldOrder(GeneratedPoint point)
    {
        var names = point.Fields.Select(f => EscapeKey(f.Name));
        return point.Seq.HasValue ? names.Append("seq") : names;
    }

    private static string EscapeKey(string name) => name
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static bool IsNumber(GeneratedPoint point, string escapedKey) =>
        point.Fields.Any(f => f.Type == FieldType.Number && EscapeKey(f.Name) == escapedKey);

    private static int CountRawNewlinesInStrings(GeneratedPoint point) =>
        point.Fields.Where(f => f.Type == FieldType.Text).Sum(f => f.Text!.Count(c => c == '\n'));

    private static long BitsOf(string number) =>
        BitConverter.DoubleToInt64Bits(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
}
