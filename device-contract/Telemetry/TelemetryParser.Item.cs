using System.Text;
using System.Text.Json;
using ParkCommunity.DeviceContract.Json;

namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>One item of a telemetry payload: <c>{"ts":…, "seq":…, "values":{…}}</c>.</summary>
public sealed partial class TelemetryParser
{
    private void ParseItem(ref Utf8JsonReader reader, int index, long receivedAtMs, ParsedTelemetry into)
    {
        _currentItem = index;
        _currentMember = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            into.Reject(index, RejectReason.NotAnObject, $"item {index} must be an object, not {JsonText.Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }

        var depth = reader.CurrentDepth;
        var fieldStart = into.FieldCount;
        var ts = receivedAtMs;
        long? seq = null;
        bool seenTs = false, seenSeq = false, seenValues = false;
        RejectReason reason = default;
        string? detail = null;
        while (detail is null && reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                Member("ts", ref reader);
                if (!IsRepeated(ref seenTs, index, "ts", out reason, out detail)
                    && !ContractTimestamp.TryRead(ref reader, receivedAtMs, out ts, out var problem))
                {
                    (reason, detail) = (RejectReason.BadTimestamp, $"item {index}: {problem}");
                }
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                Member("seq", ref reader);
                if (!IsRepeated(ref seenSeq, index, "seq", out reason, out detail))
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0)
                    {
                        seq = value;
                    }
                    else
                    {
                        (reason, detail) = (RejectReason.BadSeq, $"item {index}: \"seq\" must be a non-negative integer, not {Shown(reader)}");
                    }
                }
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                Member("values", ref reader);
                if (!IsRepeated(ref seenValues, index, "values", out reason, out detail))
                {
                    _ = TryParseValues(ref reader, index, fieldStart, into, out reason, out detail);
                }
            }
            else
            {
                // Unknown members are reserved for later versions of the contract: skipped, not rejected.
                _currentMember = null;
                reader.Read();
                reader.Skip();
            }
        }

        if (detail is null && !seenValues)
        {
            (reason, detail) = (RejectReason.MissingValues, $"item {index}: \"values\" is missing; it needs 1 to {_limits.MaxValues} members");
        }

        if (detail is not null)
        {
            into.TruncateFields(fieldStart);
            into.Reject(index, reason, detail);
            SkipToEndOfItem(ref reader, depth);
            return;
        }

        into.AddReading(new ParsedReading(index, ts, seq, fieldStart, into.FieldCount - fieldStart));
    }

    private bool TryParseValues(ref Utf8JsonReader reader, int index, int fieldStart, ParsedTelemetry into, out RejectReason reason, out string? detail)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail(RejectReason.WrongValueType, $"item {index}: \"values\" must be an object, not {JsonText.Describe(reader.TokenType)}", out reason, out detail);
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (++count > _limits.MaxValues)
            {
                return Fail(RejectReason.TooManyValues, $"item {index}: \"values\" has more than {_limits.MaxValues} members", out reason, out detail);
            }

            if (!TryReadName(ref reader, out var name))
            {
                return Fail(RejectReason.BadValueName, $"item {index}: value name \"{JsonText.Raw(reader)}\" must match [a-z][a-z0-9_]{{0,{_limits.MaxNameLength - 1}}}", out reason, out detail);
            }

            _currentMember = name;
            _currentIsValue = true;
            reader.Read();
            TelemetryField field;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                    field = TelemetryField.OfNumber(name, number);
                    break;
                case JsonTokenType.Number:
                    return Fail(RejectReason.NonFiniteNumber, $"item {index}: value \"{name}\" {JsonText.Raw(reader)} is too large for a double", out reason, out detail);
                case JsonTokenType.True or JsonTokenType.False:
                    field = TelemetryField.OfBoolean(name, reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.String:
                    if (!TryReadText(ref reader, out var text, out var length))
                    {
                        return Fail(RejectReason.TextTooLong, $"item {index}: value \"{name}\" is {length} characters long; the limit is {_limits.MaxTextLength}", out reason, out detail);
                    }

                    field = TelemetryField.OfText(name, text);
                    break;
                default:
                    return Fail(RejectReason.WrongValueType, $"item {index}: value \"{name}\" is {JsonText.Describe(reader.TokenType)}; values must be numbers, booleans or strings", out reason, out detail);
            }

            if (Contains(into.Fields[fieldStart..], name))
            {
                return Fail(RejectReason.DuplicateValueName, $"item {index}: value \"{name}\" appears more than once", out reason, out detail);
            }

            into.AddField(field);
        }

        if (count == 0)
        {
            return Fail(RejectReason.MissingValues, $"item {index}: \"values\" is empty; it needs 1 to {_limits.MaxValues} members", out reason, out detail);
        }

        reason = default;
        detail = null;
        return true;
    }

    private bool TryReadName(ref Utf8JsonReader reader, out string name)
    {
        name = string.Empty;
        var raw = reader.ValueSpan;
        if (raw.Length > _limits.MaxNameLength * 6)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[ContractNames.MaxValueNameLength * 6];
        var utf8 = reader.ValueIsEscaped ? buffer[..reader.CopyString(buffer)] : raw;
        if (utf8.Length > _limits.MaxNameLength || !ContractNames.IsValidValueName(utf8))
        {
            return false;
        }

        name = _names.Intern(utf8);
        return true;
    }

    private bool TryReadText(ref Utf8JsonReader reader, out string text, out int length)
    {
        text = string.Empty;
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped && raw.Length > _textScratch.Length)
        {
            length = raw.Length / 6;
            return false;
        }

        var utf8 = reader.ValueIsEscaped ? _textScratch.AsSpan(0, reader.CopyString(_textScratch)) : raw;
        length = Encoding.UTF8.GetCharCount(utf8);
        if (length > _limits.MaxTextLength)
        {
            return false;
        }

        text = _texts.Intern(utf8);
        return true;
    }

    private void Member(string member, ref Utf8JsonReader reader)
    {
        _currentMember = member;
        _currentIsValue = false;
        reader.Read();
    }

    private static bool IsRepeated(ref bool seen, int index, string member, out RejectReason reason, out string? detail)
    {
        if (seen)
        {
            Fail(RejectReason.DuplicateMember, $"item {index}: \"{member}\" appears more than once", out reason, out detail);
            return true;
        }

        seen = true;
        reason = default;
        detail = null;
        return false;
    }

    private static bool Fail(RejectReason failure, string why, out RejectReason reason, out string? detail)
    {
        reason = failure;
        detail = why;
        return false;
    }

    private static bool Contains(ReadOnlySpan<TelemetryField> fields, string name)
    {
        foreach (ref readonly var field in fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void SkipToEndOfItem(ref Utf8JsonReader reader, int depth)
    {
        while (!(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) && reader.Read())
        {
        }
    }

    private static string Shown(in Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => JsonText.Raw(reader),
        _ => JsonText.Describe(reader.TokenType),
    };
}
