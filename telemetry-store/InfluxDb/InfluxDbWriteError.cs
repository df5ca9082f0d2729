using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>A field type conflict as InfluxDB words it: the point's field <see cref="Field"/> has <see cref="InputType"/>.</summary>
internal readonly record struct FieldTypeConflict(string Measurement, string Field, string InputType, string Message);

/// <summary>A line of the written body (1-based) that the server named as refused, with its reason.</summary>
internal readonly record struct RefusedLine(int LineNumber, string Message);

/// <summary>
/// What an InfluxDB write error says about which points it refused. The three versions answer differently:
/// <list type="bullet">
/// <item>1.x: 400 <c>{"error":"partial write: field type conflict: input field \"f\" on measurement \"m\" is type boolean, already exists as type float dropped=2"}</c>
/// — the other points are stored; only the first conflict is named, <c>dropped</c> counts all refused points.</item>
/// <item>2.x: 400/422 <c>{"code":"invalid"|"unprocessable entity","message":"…","line":3}</c> — the message carries
/// the same conflict text as 1.x; <c>line</c> (when present) numbers the offending line.</item>
/// <item>3.x: 400 <c>{"error":"partial write of line protocol occurred","data":[{"original_line":"…","line_number":2,"error_message":"…"}]}</c>.</item>
/// </list>
/// </summary>
internal sealed partial class InfluxDbWriteError
{
    private InfluxDbWriteError(string message) => Message = message;

    public string Message { get; }

    public List<FieldTypeConflict> Conflicts { get; } = [];

    public List<RefusedLine> Lines { get; } = [];

    /// <summary>The <c>dropped=N</c> count of a 1.x/2.x partial write, if given.</summary>
    public int? Dropped { get; private set; }

    /// <summary>True when the server said the points it did not name were stored ("partial write").</summary>
    public bool KeptTheRest => Message.Contains("partial write", StringComparison.Ordinal);

    public bool DatabaseNotFound => Message.Contains("database not found", StringComparison.Ordinal);

    public bool RetentionPolicyNotFound => Message.Contains("retention policy not found", StringComparison.Ordinal);

    public static InfluxDbWriteError Parse(string body)
    {
        var error = new InfluxDbWriteError(MessageOf(body, out var root));
        if (root is { } json)
        {
            if (json.TryGetProperty("line", out var line) && line.TryGetInt32(out var lineNumber))
            {
                error.Lines.Add(new RefusedLine(lineNumber, error.Message));
            }

            if (json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in data.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("line_number", out var n) && n.TryGetInt32(out var number))
                    {
                        var why = item.TryGetProperty("error_message", out var m) ? m.GetString() : null;
                        error.Lines.Add(new RefusedLine(number, why ?? error.Message));
                    }
                }
            }
        }

        foreach (Match match in ConflictPattern().Matches(error.Message))
        {
            error.Conflicts.Add(new FieldTypeConflict(
                Unescape(match.Groups["measurement"].Value), Unescape(match.Groups["field"].Value), match.Groups["type"].Value, match.Groups["text"].Value));
        }

        if (DroppedPattern().Match(error.Message) is { Success: true } dropped)
        {
            error.Dropped = int.Parse(dropped.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return error;
    }

    private static string MessageOf(string body, out JsonElement? root)
    {
        root = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                root = document.RootElement.Clone();
                var element = root.Value;
                if (element.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }

                if (element.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Proxies and some versions answer with plain text; then the text is the message.
        }

        return body.Trim();
    }

    // The names are printed with Go's %q, so a quote or backslash inside them is backslash-escaped.
    private static string Unescape(string quoted) => quoted.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("""(?<text>field type conflict: input field "(?<field>(?:[^"\\]|\\.)*)" on measurement "(?<measurement>(?:[^"\\]|\\.)*)" is type (?<type>\w+), already exists as type \w+)""")]
    private static partial Regex ConflictPattern();

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();
}
