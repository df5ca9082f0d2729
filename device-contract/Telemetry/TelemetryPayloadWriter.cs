using System.Buffers;
using System.Text.Json;

namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>Writes a contract telemetry payload, <c>{"ts":…,"seq":…,"values":{…}}</c>, the way a well-behaved device would.</summary>
public static class TelemetryPayloadWriter
{
    public static byte[] Write(long timestampMs, long? seq, ReadOnlySpan<TelemetryField> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", timestampMs);
            if (seq is { } number)
            {
                json.WriteNumber("seq", number);
            }

            json.WriteStartObject("values");
            foreach (var field in values)
            {
                switch (field.Type)
                {
                    case FieldType.Number:
                        // The contract has no NaN or Infinity; writing one would produce a payload the parser rejects.
                        json.WriteNumber(field.Name, double.IsFinite(field.Number)
                            ? field.Number
                            : throw new ArgumentException($"value \"{field.Name}\" is {field.Number}; the contract allows finite numbers only", nameof(values)));
                        break;
                    case FieldType.Boolean:
                        json.WriteBoolean(field.Name, field.Boolean);
                        break;
                    default:
                        json.WriteString(field.Name, field.Text);
                        break;
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
