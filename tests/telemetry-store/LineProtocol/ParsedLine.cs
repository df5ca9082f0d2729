namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

/// <summary>
/// One line of line protocol split the way InfluxDB 1.x splits it (models/points.go): outside quotes a separator
/// preceded by a backslash is escaped; inside a quoted string a backslash escapes the next character.
/// Values stay in their written (escaped) form, so two encoders can be compared field by field regardless of order.
/// </summary>
internal sealed record ParsedLine(string Series, IReadOnlyList<KeyValuePair<string, string>> Fields, string Timestamp)
{
    public static ParsedLine Parse(string line)
    {
        line = line.TrimEnd('\n');
        var seriesEnd = IndexOfUnescaped(line, ' ', 0);
        var fields = new List<KeyValuePair<string, string>>();
        var i = seriesEnd + 1;
        while (true)
        {
            var equals = IndexOfUnescaped(line, '=', i);
            var key = line[i..equals];
            var valueStart = equals + 1;
            var valueEnd = line[valueStart] == '"' ? ClosingQuote(line, valueStart) + 1 : IndexOfAnyUnescaped(line, valueStart);
            fields.Add(new(key, line[valueStart..valueEnd]));
            i = valueEnd + 1;
            if (line[valueEnd] == ' ')
            {
                return new ParsedLine(line[..seriesEnd], fields, line[i..]);
            }
        }
    }

    private static int IndexOfUnescaped(string line, char separator, int start)
    {
        for (var i = start; i < line.Length; i++)
        {
            if (line[i] == separator && (i == 0 || line[i - 1] != '\\'))
            {
                return i;
            }
        }

        throw new FormatException($"No unescaped '{separator}' after {start} in: {line}");
    }

    private static int IndexOfAnyUnescaped(string line, int start)
    {
        for (var i = start; i < line.Length; i++)
        {
            if (line[i] is ',' or ' ')
            {
                return i;
            }
        }

        throw new FormatException($"Unterminated field value after {start} in: {line}");
    }

    private static int ClosingQuote(string line, int openingQuote)
    {
        for (var i = openingQuote + 1; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '"')
            {
                return i;
            }
        }

        throw new FormatException($"Unterminated string after {openingQuote} in: {line}");
    }
}
