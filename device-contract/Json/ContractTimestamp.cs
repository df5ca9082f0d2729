using System.Text.Json;

namespace ParkCommunity.DeviceContract.Json;

/// <summary>
/// The <c>ts</c> rules shared by telemetry and events: an integer of epoch milliseconds or an RFC 3339
/// string, no earlier than 2000-01-01 and no more than one day after receipt. The floor catches devices
/// whose clock was never set (they report 1970); the ceiling catches wrong units (seconds ×1000 or
/// microseconds) while allowing for a device clock running ahead.
/// </summary>
internal static class ContractTimestamp
{
    /// <summary>2000-01-01T00:00:00Z.</summary>
    public const long EarliestMs = 946_684_800_000;

    public const long AllowedAheadMs = 24 * 60 * 60 * 1000;

    // The longest RFC 3339 text worth looking at, with nine fraction digits and an offset: 35 characters.
    private const int MaxTextBytes = 64;

    /// <summary>Reads the value the reader is positioned on; on failure <paramref name="problem"/> describes it.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, long receivedAtMs, out long unixMs, out string? problem)
    {
        unixMs = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out unixMs))
                {
                    problem = $"\"ts\" {JsonText.Raw(reader)} is not an integer number of epoch milliseconds";
                    return false;
                }

                break;
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[MaxTextBytes];
                if (reader.ValueSpan.Length > MaxTextBytes * 6 || !TryUnescape(ref reader, buffer, out var length)
                    || !Rfc3339.TryParse(buffer[..length], out unixMs))
                {
                    problem = $"\"ts\" \"{JsonText.Raw(reader)}\" is not an RFC 3339 date-time with offset, e.g. \"2025-11-28T16:44:00.123Z\"";
                    return false;
                }

                break;
            default:
                problem = $"\"ts\" must be a number of epoch milliseconds or an RFC 3339 string, not {JsonText.Describe(reader.TokenType)}";
                return false;
        }

        if (unixMs < EarliestMs)
        {
            problem = $"\"ts\" {unixMs} is before 2000-01-01T00:00:00Z (is the device clock set? are these seconds?)";
            return false;
        }

        if (unixMs > receivedAtMs + AllowedAheadMs)
        {
            problem = $"\"ts\" {unixMs} is more than a day after the time of receipt {receivedAtMs}";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool TryUnescape(ref Utf8JsonReader reader, scoped Span<byte> buffer, out int length)
    {
        if (!reader.ValueIsEscaped)
        {
            length = reader.ValueSpan.Length;
            return reader.ValueSpan.TryCopyTo(buffer);
        }

        // An escaped value unescapes to at most its own length; too long for a timestamp either way.
        if (reader.ValueSpan.Length > buffer.Length * 6)
        {
            length = 0;
            return false;
        }

        Span<byte> unescaped = stackalloc byte[reader.ValueSpan.Length];
        length = reader.CopyString(unescaped);
        return unescaped[..length].TryCopyTo(buffer);
    }
}
