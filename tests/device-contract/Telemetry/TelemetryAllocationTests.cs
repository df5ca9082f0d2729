using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using static ParkCommunity.DeviceContract.Tests.Support.Payloads;

namespace ParkCommunity.DeviceContract.Tests.Telemetry;

/// <summary>The hot path: a valid payload whose names and short texts were seen before allocates nothing.</summary>
public sealed class TelemetryAllocationTests
{
    private readonly TelemetryParser _parser = new(TelemetryLimits.Default);
    private readonly ParsedTelemetry _parsed = new();

    [Theory]
    [InlineData("""{"ts":1764348240123,"seq":42,"values":{"power_w":41.5,"dim_pct":80,"on":true,"lux":12.25,"mode":"auto"}}""")]
    [InlineData("""{"ts":"2025-11-28T16:44:00.123+01:00","values":{"occupied":false,"ev_charging_kw":7.4,"gate_open":true}}""")]
    [InlineData("""[{"seq":1,"values":{"door_open":true,"entries":3}},{"seq":2,"values":{"door_open":false,"denied":1,"state":"locked"}}]""")]
    public void ParsingTheSameValidPayloadAThousandTimesAllocatesNothing(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        ParseOnce(payload);
        Assert.Empty(_parsed.Rejections);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            ParseOnce(payload);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.False(_parsed.Readings.IsEmpty);
    }

    [Fact]
    public void NamesBeyondTheInternCapacityAreStillParsed()
    {
        var parser = new TelemetryParser(TelemetryLimits.Default, internCapacity: 2);
        var parsed = new ParsedTelemetry();

        parser.Parse("""{"values":{"a":1,"b":2,"c":3,"d":"x"}}"""u8, ReceivedAtMs, parsed);

        Assert.Equal(["a", "b", "c", "d"], parsed.Fields.ToArray().Select(f => f.Name));
        Assert.Equal("x", parsed.Fields[3].Text);
    }

    [Fact]
    public void InternedNamesAreSharedAcrossMessages()
    {
        ParseOnce("""{"values":{"power_w":1}}"""u8);
        var first = _parsed.Fields[0].Name;

        ParseOnce("""{"values":{"power_w":2}}"""u8);

        Assert.Same(first, _parsed.Fields[0].Name);
    }

    private void ParseOnce(ReadOnlySpan<byte> payload)
    {
        _parsed.Clear();
        _parser.Parse(payload, ReceivedAtMs, _parsed);
    }
}
