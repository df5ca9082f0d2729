using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ParkCommunity.DeviceContract.Json;
using ParkCommunity.DeviceContract.Telemetry;

namespace ParkCommunity.DeviceContract.Events;

/// <summary>
/// Parses and validates event payloads. Events are rare next to telemetry, so this is a stateless static
/// parser that allocates the type string; the rules for <c>ts</c>, size and encoding are the telemetry ones.
/// </summary>
public static class DeviceEventParser
{
    private const int WholePayload = TelemetryRejection.WholePayload;
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>Parses <paramref name="payload"/> with the default limits.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> payload, long receivedAtMs, out DeviceEvent deviceEvent, [NotNullWhen(false)] out TelemetryRejection? rejection) =>
        TryParse(payload, receivedAtMs, TelemetryLimits.Default, out deviceEvent, out rejection);

    /// <summary>
    /// Parses <paramref name="payload"/>; on failure <paramref name="rejection"/> says why, with item index
    /// <see cref="TelemetryRejection.WholePayload"/>. An absent <c>ts</c> means <paramref name="receivedAtMs"/>.
    /// Unknown members are ignored. Never throws for bad input.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> payload, long receivedAtMs, TelemetryLimits limits, out DeviceEvent deviceEvent, [NotNullWhen(false)] out TelemetryRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(limits);
        deviceEvent = default;
        var bytes = payload.Span;
        if (bytes.Length > limits.MaxPayloadBytes)
        {
            return Reject(RejectReason.PayloadTooLarge, $"payload is {bytes.Length} bytes; the limit is {limits.MaxPayloadBytes}", out rejection);
        }

        if (!Utf8.IsValid(bytes))
        {
            return Reject(RejectReason.InvalidUtf8, "payload is not valid UTF-8", out rejection);
        }

        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        try
        {
            return TryParseObject(ref reader, payload, receivedAtMs, out deviceEvent, out rejection);
        }
        catch (JsonException e)
        {
            var literal = NonFiniteLiteral.At(bytes, reader.BytesConsumed);
            return literal is null
                ? Reject(RejectReason.InvalidJson, $"payload is not valid JSON: {e.Message}", out rejection)
                : Reject(RejectReason.NonFiniteNumber, $"payload contains {literal}; JSON has no NaN or Infinity", out rejection);
        }
    }

    private static bool TryParseObject(ref Utf8JsonReader reader, ReadOnlyMemory<byte> payload, long receivedAtMs, out DeviceEvent deviceEvent, out TelemetryRejection? rejection)
    {
        deviceEvent = default;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Reject(RejectReason.NotAnObject, $"event payload must be a JSON object, not {JsonText.Describe(reader.TokenType)}", out rejection);
        }

        var ts = receivedAtMs;
        string? type = null;
        var data = ReadOnlyMemory<byte>.Empty;
        bool seenTs = false, seenType = false, seenData = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                if (IsRepeated(ref seenTs, "ts", out rejection))
                {
                    return false;
                }

                if (!ContractTimestamp.TryRead(ref reader, receivedAtMs, out ts, out var problem))
                {
                    return Reject(RejectReason.BadTimestamp, problem!, out rejection);
                }
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (IsRepeated(ref seenType, "type", out rejection))
                {
                    return false;
                }

                if (reader.TokenType != JsonTokenType.String || !TryReadType(ref reader, out type))
                {
                    return Reject(RejectReason.BadEventType, $"\"type\" {Shown(reader)} must be a string matching [a-z][a-z0-9_]{{0,63}}", out rejection);
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (IsRepeated(ref seenData, "data", out rejection))
                {
                    return false;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Reject(RejectReason.WrongValueType, $"\"data\" must be an object, not {JsonText.Describe(reader.TokenType)}", out rejection);
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                data = payload[start..((int)reader.TokenStartIndex + 1)];
            }
            else
            {
                // Unknown members are reserved for later versions of the contract.
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the object is not JSON; the reader throws on it.
        while (reader.Read())
        {
        }

        if (type is null)
        {
            return Reject(RejectReason.MissingEventType, "\"type\" is missing; it names the event, e.g. \"door_forced\"", out rejection);
        }

        deviceEvent = new DeviceEvent(ts, type, data);
        rejection = null;
        return true;
    }

    private static bool TryReadType(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? type)
    {
        type = null;
        if (reader.ValueSpan.Length > ContractNames.MaxValueNameLength * 6)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[ContractNames.MaxValueNameLength * 6];
        var utf8 = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : reader.ValueSpan;
        if (!ContractNames.IsValidValueName(utf8))
        {
            return false;
        }

        type = Encoding.UTF8.GetString(utf8);
        return true;
    }

    private static bool IsRepeated(ref bool seen, string member, out TelemetryRejection? rejection)
    {
        rejection = seen ? new TelemetryRejection(WholePayload, RejectReason.DuplicateMember, $"\"{member}\" appears more than once") : null;
        seen = true;
        return rejection is not null;
    }

    private static string Shown(in Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? $"\"{JsonText.Raw(reader)}\""
        : JsonText.Describe(reader.TokenType);

    private static bool Reject(RejectReason reason, string detail, out TelemetryRejection rejection)
    {
        rejection = new TelemetryRejection(WholePayload, reason, detail);
        return false;
    }
}
