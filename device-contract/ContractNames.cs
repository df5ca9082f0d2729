namespace ParkCommunity.DeviceContract;

/// <summary>
/// The character rules of the names the contract defines. Kept ASCII-only on purpose: names end up as
/// MQTT topic segments, InfluxDB tags and field keys, where anything else needs escaping somewhere.
/// </summary>
public static class ContractNames
{
    /// <summary>Longest site or device id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest device kind.</summary>
    public const int MaxKindLength = 32;

    /// <summary>Longest telemetry value name or event type.</summary>
    public const int MaxValueNameLength = 64;

    /// <summary>Site and device ids, and the topic prefix: <c>[A-Za-z0-9_-]{1,64}</c>.</summary>
    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Device kinds: <c>[a-z][a-z0-9_]{0,31}</c>.</summary>
    public static bool IsValidKind(ReadOnlySpan<char> kind)
    {
        if (kind.IsEmpty || kind.Length > MaxKindLength || !char.IsAsciiLetterLower(kind[0]))
        {
            return false;
        }

        foreach (var c in kind)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Telemetry value names and event types: <c>[a-z][a-z0-9_]{0,63}</c>.</summary>
    public static bool IsValidValueName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxValueNameLength || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The UTF-8 form of <see cref="IsValidValueName(ReadOnlySpan{char})"/>, used by the parsers.</summary>
    public static bool IsValidValueName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxValueNameLength || !IsLower(name[0]))
        {
            return false;
        }

        foreach (var b in name)
        {
            if (!IsLower(b) && !(b is >= (byte)'0' and <= (byte)'9') && b != (byte)'_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLower(byte b) => b is >= (byte)'a' and <= (byte)'z';
}
