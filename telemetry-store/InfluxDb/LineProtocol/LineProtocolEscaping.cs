using System.Text.Unicode;

namespace ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

/// <summary>
/// UTF-16 → escaped UTF-8 for the three escaping contexts of line protocol
/// (https://docs.influxdata.com/influxdb/v1.8/write_protocols/line_protocol_reference/#special-characters).
/// Each context is a 128-entry table: 0 = copy the ASCII byte, otherwise write a backslash and the table byte.
/// Non-ASCII text needs no escaping and is transcoded as is.
/// </summary>
internal static class LineProtocolEscaping
{
    /// <summary>Worst case UTF-8 bytes per UTF-16 char: 3 (BMP char, or U+FFFD for a lone surrogate); escapes take 2.</summary>
    public const int MaxBytesPerChar = 3;

    /// <summary>
    /// Why measurements, tag values and field keys may not contain a backslash. Line protocol has no escape for it
    /// there that InfluxDB reads back consistently: 1.x splits the field set treating "\\" as an escaped backslash but
    /// parses field keys treating any char after a backslash as escaped (so "a\\=b" breaks the line), unescapes \"
    /// in field keys, and misreads a trailing backslash as escaping the separator after it; 2.x reads "\\" as one
    /// backslash. PointData writes such names anyway and InfluxDB then rejects or alters them; we refuse them.
    /// </summary>
    public const string NoBackslashReason =
        "which line protocol cannot carry in measurements, tags or field names without InfluxDB misreading the line.";

    /// <summary>Measurement: comma and space. '=' is legal there and InfluxDB.Client's PointData leaves it alone too.</summary>
    public static readonly byte[] Measurement = Table(withEquals: false);

    /// <summary>Tag keys, tag values and field keys: comma, equals and space.</summary>
    public static readonly byte[] Key = Table(withEquals: true);

    /// <summary>String field values, inside double quotes: double quote and backslash.</summary>
    public static readonly byte[] StringValue = StringTable();

    /// <summary>
    /// Writes <paramref name="text"/> escaped into <paramref name="destination"/>, which the caller sized with
    /// <see cref="MaxBytesPerChar"/>; returns the bytes written.
    /// </summary>
    public static int Write(ReadOnlySpan<char> text, Span<byte> destination, byte[] table)
    {
        var written = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                var escape = table[c];
                if (escape == 0)
                {
                    destination[written++] = (byte)c;
                }
                else
                {
                    destination[written++] = (byte)'\\';
                    destination[written++] = escape;
                }

                i++;
                continue;
            }

            // A run of non-ASCII chars holds whole surrogate pairs (both halves are >= 0x80), so it transcodes on its own.
            // A lone surrogate becomes U+FFFD, as Encoding.UTF8 would make of PointData's string.
            var end = i + 1;
            while (end < text.Length && text[end] >= 0x80)
            {
                end++;
            }

            Utf8.FromUtf16(text[i..end], destination[written..], out _, out var bytes, replaceInvalidSequences: true);
            written += bytes;
            i = end;
        }

        return written;
    }

    private static byte[] Table(bool withEquals)
    {
        var table = new byte[128];
        table[','] = (byte)',';
        table[' '] = (byte)' ';
        if (withEquals)
        {
            table['='] = (byte)'=';
        }

        // Line protocol cannot carry these raw outside a quoted string (a newline ends the line). PointData writes
        // them as the two characters \n, \r, \t, which InfluxDB stores literally; we do the same so both encoders
        // store the same series.
        table['\n'] = (byte)'n';
        table['\r'] = (byte)'r';
        table['\t'] = (byte)'t';
        return table;
    }

    private static byte[] StringTable()
    {
        // Inside quotes a newline is legal and stored as is (InfluxDB's line scanner tracks quotes), so only the
        // quote and the backslash are escaped — exactly what PointData does.
        var table = new byte[128];
        table['"'] = (byte)'"';
        table['\\'] = (byte)'\\';
        return table;
    }
}
