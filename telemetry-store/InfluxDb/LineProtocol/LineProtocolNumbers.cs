using System.Globalization;

namespace ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

/// <summary>Line-protocol numbers written straight into UTF-8, without allocating.</summary>
internal static class LineProtocolNumbers
{
    private static readonly double[] PowersOfTen = [1, 10, 100, 1000];

    /// <summary>
    /// The shortest text that parses back to the same double, exactly as .NET's default (round-trip) format writes it.
    /// Sensor values are mostly whole or have a few decimals; those are written with integer formatting, several
    /// times cheaper than the general shortest-digits search, which handles the rest.
    /// </summary>
    public static int FormatDouble(double value, Span<byte> destination)
    {
        // Below 1e15 .NET writes a whole number as the integer; -0 keeps its sign.
        if (value is > -1e15 and < 1e15 && value == Math.Truncate(value))
        {
            if (value == 0 && double.IsNegative(value))
            {
                "-0"u8.CopyTo(destination);
                return 2;
            }

            return FormatLong((long)value, destination);
        }

        // value = m / 10^k for the smallest k ≤ 3 with an integer m: then "m with the point k digits from the right"
        // parses back to value (10^k and m < 2^53 are exact, so the division is the correctly rounded decimal), and
        // no shorter decimal does, or a smaller k would have matched. Values ≥ 0.001 never use exponent notation.
        for (var k = 1; k <= 3; k++)
        {
            var scaled = value * PowersOfTen[k];
            if (scaled is > -1e15 and < 1e15 && scaled == Math.Truncate(scaled) && scaled / PowersOfTen[k] == value)
            {
                return FormatDecimal((long)scaled, k, destination);
            }
        }

        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int FormatDecimal(long scaled, int decimals, Span<byte> destination)
    {
        var length = 0;
        if (scaled < 0)
        {
            destination[length++] = (byte)'-';
            scaled = -scaled;
        }

        var divisor = (long)PowersOfTen[decimals];
        length += FormatLong(scaled / divisor, destination[length..]);
        destination[length++] = (byte)'.';

        // The fraction has exactly `decimals` digits, leading zeros included; its last digit is not 0 (else a
        // smaller k would have matched), but trim defensively so the text is always the shortest.
        var fraction = scaled % divisor;
        for (var i = decimals - 1; i >= 0; i--)
        {
            destination[length + i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        length += decimals;
        while (destination[length - 1] == (byte)'0')
        {
            length--;
        }

        return length;
    }

    public static int FormatLong(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }
}
