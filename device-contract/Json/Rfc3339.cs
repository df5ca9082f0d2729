namespace ParkCommunity.DeviceContract.Json;

/// <summary>
/// Parses RFC 3339 timestamps (<c>2025-11-28T16:44:00.123Z</c>, <c>2025-11-28T17:44:00+01:00</c>) straight
/// from UTF-8 bytes without allocating. Stricter than <see cref="DateTimeOffset.TryParse(string?, out DateTimeOffset)"/>
/// on purpose: the time zone offset is required (RFC 3339 §5.6), so a device cannot send a local time that the
/// gateway would have to guess about. Fractions beyond milliseconds are truncated.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixMs)
    {
        unixMs = 0;

        // date-time = full-date "T" full-time; RFC 3339 §5.6 allows "t" and, in its note, a space.
        if (text.Length < 20
            || !TryDigits(text[..4], out var year) || text[4] != '-'
            || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day)
            || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        // Second 60 is a leap second (RFC 3339 §5.7); counting it as the next second keeps order.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var rest = text[19..];
        var millis = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9')
            {
                if (digits <= 3)
                {
                    millis = (millis * 10) + (rest[digits] - '0');
                }

                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            for (var scale = digits; scale <= 3; scale++)
            {
                millis *= 10;
            }

            rest = rest[digits..];
        }

        if (!TryOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        var dayMs = new DateTimeOffset(date).ToUnixTimeMilliseconds();
        unixMs = dayMs + (((((hour * 60L) + minute - offsetMinutes) * 60) + second) * 1000) + millis;
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> text, out int minutes)
    {
        minutes = 0;
        if (text.Length == 1 && text[0] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ((byte)'+' or (byte)'-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var mins)
            || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = ((hours * 60) + mins) * (text[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
