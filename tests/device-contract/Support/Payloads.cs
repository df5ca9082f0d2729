using System.Text;
using ParkCommunity.DeviceContract.Telemetry;

namespace ParkCommunity.DeviceContract.Tests.Support;

/// <summary>Parses test payloads written as JSON text, at a fixed time of receipt.</summary>
internal static class Payloads
{
    /// <summary>2025-11-28T16:44:00Z.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2025, 11, 28, 16, 44, 0, TimeSpan.Zero);

    public static long ReceivedAtMs => ReceivedAt.ToUnixTimeMilliseconds();

    public static ParsedTelemetry Parse(string json, TelemetryLimits? limits = null) => Parse(Encoding.UTF8.GetBytes(json), limits);

    public static ParsedTelemetry Parse(byte[] payload, TelemetryLimits? limits = null)
    {
        var parsed = new ParsedTelemetry();
        new TelemetryParser(limits ?? TelemetryLimits.Default).Parse(payload, ReceivedAtMs, parsed);
        return parsed;
    }

    public static TelemetryField[] FieldsOf(ParsedTelemetry parsed, int reading)
    {
        var r = parsed.Readings[reading];
        return parsed.Fields.Slice(r.FieldStart, r.FieldCount).ToArray();
    }
}
