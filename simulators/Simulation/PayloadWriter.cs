using System.Buffers;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Simulators.Behaviour;

namespace ParkCommunity.Simulators.Simulation;

/// <summary>Writes contract payloads: telemetry <c>{"ts","seq","values"}</c> and events <c>{"ts","type","data"}</c>.</summary>
internal static class PayloadWriter
{
    public static byte[] Telemetry(DateTimeOffset ts, long seq, IReadOnlyList<TelemetryField> values) =>
        TelemetryPayloadWriter.Write(ts.ToUnixTimeMilliseconds(), seq, values is TelemetryField[] array ? array : [.. values]);

    public static byte[] Event(DateTimeOffset ts, SimulatedEvent simulated)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", ts.ToUnixTimeMilliseconds());
            json.WriteString("type", simulated.Type);
            json.WriteStartObject("data");
            foreach (var (key, value) in simulated.Data)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
