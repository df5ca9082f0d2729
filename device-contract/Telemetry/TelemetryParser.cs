using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ParkCommunity.DeviceContract.Json;

namespace ParkCommunity.DeviceContract.Telemetry;

/// <summary>
/// Parses and validates telemetry payloads — one object, or an array of them as a batch — into a
/// <see cref="ParsedTelemetry"/>. Valid items are kept and each bad item is rejected on its own; a payload
/// that is too large, not UTF-8 or not JSON is rejected as a whole, since its structure cannot be trusted.
/// Reusable and not thread-safe: one per worker. Once its intern tables know a device's value names and
/// short texts, parsing a valid payload allocates nothing.
/// </summary>
public sealed partial class TelemetryParser
{
    /// <summary>How many distinct value names, and separately short texts, the parser remembers.</summary>
    public const int DefaultInternCapacity = 4_096;

    /// <summary>Texts up to this many UTF-8 bytes ("auto", "fault") are interned; longer ones are allocated.</summary>
    public const int MaxInternedTextBytes = 32;

    private const int MaxTextLengthLimit = 65_536;
    private const int WholePayload = TelemetryRejection.WholePayload;

    // Comments and trailing commas are not JSON (RFC 8259); the depth bound stops hostile nesting early.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    private readonly TelemetryLimits _limits;
    private readonly Utf8Interner _names;
    private readonly Utf8Interner _texts;
    private readonly byte[] _textScratch;

    // Where the reader is, so a detail can still name the item and member when the JSON turns out unreadable.
    private int _currentItem;
    private string? _currentMember;
    private bool _currentIsValue;

    public TelemetryParser(TelemetryLimits limits, int internCapacity = DefaultInternCapacity)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(internCapacity);
        var failures = limits.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException($"Invalid telemetry limits: {string.Join(" ", failures)}", nameof(limits));
        }

        if (limits.MaxTextLength > MaxTextLengthLimit)
        {
            throw new ArgumentException($"MaxTextLength must be at most {MaxTextLengthLimit}, but is {limits.MaxTextLength}.", nameof(limits));
        }

        _limits = limits;
        _names = new Utf8Interner(internCapacity, limits.MaxNameLength);
        _texts = new Utf8Interner(internCapacity, MaxInternedTextBytes);

        // An escape (\uXXXX) is at most 6 bytes per UTF-16 unit, so any longer escaped text is too long anyway.
        _textScratch = new byte[limits.MaxTextLength * 6];
    }

    public TelemetryLimits Limits => _limits;

    /// <summary>
    /// Parses <paramref name="payload"/> and appends its accepted readings and its rejections to
    /// <paramref name="into"/> (clear it first to reuse it). An absent <c>ts</c> means <paramref name="receivedAtMs"/>.
    /// Never throws for bad input.
    /// </summary>
    public void Parse(ReadOnlySpan<byte> payload, long receivedAtMs, ParsedTelemetry into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (payload.Length > _limits.MaxPayloadBytes)
        {
            into.Reject(WholePayload, RejectReason.PayloadTooLarge, $"payload is {payload.Length} bytes; the limit is {_limits.MaxPayloadBytes}");
            return;
        }

        // Utf8JsonReader validates the UTF-8 of strings only; checking everything up front is cheap and exact.
        if (!Utf8.IsValid(payload))
        {
            into.Reject(WholePayload, RejectReason.InvalidUtf8, $"payload is not valid UTF-8: bad byte sequence at offset {FirstInvalidUtf8(payload)}");
            return;
        }

        var mark = into.Save();
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        _currentItem = WholePayload;
        _currentMember = null;
        try
        {
            ParseRoot(ref reader, receivedAtMs, into, mark);
        }
        catch (JsonException e)
        {
            // Items read before the error may be fine, but with broken structure nothing after it can be
            // trusted, and storing half a payload would make the device's retry a partial duplicate.
            into.Restore(mark);
            RejectUnreadable(payload, reader.BytesConsumed, e, into);
        }
    }

    private void ParseRoot(ref Utf8JsonReader reader, long receivedAtMs, ParsedTelemetry into, ParsedTelemetry.Mark mark)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                into.ItemCount++;
                ParseItem(ref reader, 0, receivedAtMs, into);
                break;
            case JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (index == _limits.MaxBatchItems)
                    {
                        into.Restore(mark);
                        into.Reject(WholePayload, RejectReason.BatchTooLarge, $"batch has more than {_limits.MaxBatchItems} items; split it into several messages");
                        return;
                    }

                    into.ItemCount++;
                    ParseItem(ref reader, index++, receivedAtMs, into);
                }

                if (index == 0)
                {
                    into.Reject(WholePayload, RejectReason.EmptyBatch, "batch is an empty array; send at least one item");
                }

                break;
            default:
                into.Reject(WholePayload, RejectReason.NotAnObject, $"payload must be a JSON object or an array of objects, not {JsonText.Describe(reader.TokenType)}");
                return;
        }

        // Anything after the root value is not JSON; the reader throws on it.
        _currentItem = WholePayload;
        _currentMember = null;
        while (reader.Read())
        {
        }
    }

    private void RejectUnreadable(ReadOnlySpan<byte> payload, long position, JsonException e, ParsedTelemetry into)
    {
        var literal = NonFiniteLiteral.At(payload, position);
        if (literal is null)
        {
            into.Reject(WholePayload, RejectReason.InvalidJson, $"payload is not valid JSON: {e.Message}");
            return;
        }

        var where = _currentItem == WholePayload ? "payload" : $"item {_currentItem}";
        var what = _currentMember is null ? string.Empty : _currentIsValue ? $" value \"{_currentMember}\"" : $" \"{_currentMember}\"";
        into.Reject(
            WholePayload,
            RejectReason.NonFiniteNumber,
            $"{where}:{what} is {literal}; JSON has no NaN or Infinity, so the payload cannot be read and none of it is stored");
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> payload)
    {
        var offset = 0;
        while (offset < payload.Length
               && Rune.DecodeFromUtf8(payload[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
