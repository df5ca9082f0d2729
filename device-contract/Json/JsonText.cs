using System.Text;
using System.Text.Json;

namespace ParkCommunity.DeviceContract.Json;

/// <summary>How rejection details quote what a device sent.</summary>
internal static class JsonText
{
    private const int MaxQuotedBytes = 40;

    /// <summary>A short human name of a JSON token type, for details.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    /// <summary>The raw text of the current token, shortened, for details.</summary>
    public static string Raw(in Utf8JsonReader reader)
    {
        var span = reader.ValueSpan;
        return span.Length <= MaxQuotedBytes ? Encoding.UTF8.GetString(span) : Encoding.UTF8.GetString(span[..MaxQuotedBytes]) + "…";
    }
}
