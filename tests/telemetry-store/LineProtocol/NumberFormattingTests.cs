using System.Globalization;
using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

/// <summary>
/// The encoder writes whole numbers and numbers with up to three decimals without .NET's general shortest-digits
/// search; these tests hold that fast path to the exact text .NET's round-trip format gives.
/// </summary>
public sealed class NumberFormattingTests
{
    private static readonly SeriesKey Series = new("park", "site-a", "g1", "z1", "meter-1");

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    [InlineData(-0.05)]
    [InlineData(0.1)]
    [InlineData(41.5)]
    [InlineData(-273.15)]
    [InlineData(999_999_999_999.999)]
    [InlineData(999_999_999_999_999.0)]
    [InlineData(1e15)]
    [InlineData(123_456_789_012.345)]
    [InlineData(0.0001)]
    [InlineData(1e-5)]
    [InlineData(0.30000000000000004)]
    public void NumbersAreWrittenExactlyAsDotNetsRoundTripFormatWritesThem(double value) =>
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoded(value));

    [Fact]
    public void ManyRandomSensorLikeNumbersAreWrittenExactlyAsDotNetWritesThem()
    {
        var random = new Random(4_242);
        var values = new double[20_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 4) switch
            {
                0 => Math.Round((random.NextDouble() - 0.5) * 20_000, random.Next(5)),
                1 => random.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000) / Math.Pow(10, random.Next(4)),
                2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 18)),
                _ => random.Next(-100_000, 100_000) / 8.0,
            };
        }

        var mismatches = values.Where(v => Encoded(v) != v.ToString(CultureInfo.InvariantCulture)).Take(5).ToArray();

        Assert.Empty(mismatches);
    }

    private static string Encoded(double value)
    {
        var batch = new TelemetryBatch();
        batch.Add(Series, 0, null, [TelemetryField.OfNumber("v", value)]);
        using var output = new PooledBufferWriter(128);
        Assert.True(LineProtocolEncoder.TryAppend(output, batch.Points[0], batch.FieldsOf(batch.Points[0]), out var error), error);
        var line = Encoding.UTF8.GetString(output.WrittenSpan);
        return line["park,device=meter-1,grid=g1,site=site-a,zone=z1 v=".Length..^" 0\n".Length];
    }
}
