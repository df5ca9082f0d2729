using System.Buffers;
using System.Text;
using System.Text.Json;
using ParkCommunity.DeviceContract.Telemetry;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>A point's values as the JSON object stored in <c>points.fields</c>; JSON keeps numbers, booleans and text apart.</summary>
internal sealed class PointJson : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public PointJson() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>Not thread-safe: the writer calls it under its lock.</summary>
    public string Write(ReadOnlySpan<TelemetryField> fields)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (ref readonly var field in fields)
        {
            switch (field.Type)
            {
                case FieldType.Number:
                    _writer.WriteNumber(field.Name, field.Number);
                    break;
                case FieldType.Boolean:
                    _writer.WriteBoolean(field.Name, field.Boolean);
                    break;
                default:
                    _writer.WriteString(field.Name, field.Text);
                    break;
            }
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _writer.Dispose();

    public static Dictionary<string, object> Read(string json)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            values[name] = reader.TokenType switch
            {
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => reader.GetString()!,
            };
        }

        return values;
    }

    /// <summary>The JSON path of a field for json_extract; names are quoted so any name that has no double quote works.</summary>
    public static string PathOf(string field) => "$.\"" + field + "\"";
}
