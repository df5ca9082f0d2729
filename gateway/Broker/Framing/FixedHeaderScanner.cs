namespace ParkCommunity.Gateway.Broker.Framing;

/// <summary>What the scanner found in the bytes it was shown.</summary>
internal enum ScanResult
{
    Ok,

    /// <summary>A packet declared more than the limit; see <see cref="FixedHeaderScanner.DeclaredSize"/>.</summary>
    TooLarge,

    /// <summary>The remaining length ran past four bytes [MQTT-1.5.5] — no valid packet can follow.</summary>
    Malformed,
}

/// <summary>
/// Follows the packet boundaries of an inbound MQTT byte stream, chunk by chunk, reading only each packet's fixed header
/// (one type byte, then the 1–4 byte "remaining length") and skipping bodies. It exists because MQTTnet allocates a
/// packet's whole body as soon as it has read the declared length: five bytes can make it allocate 256 MB. Seeing the
/// length before MQTTnet does lets the connection be closed before that allocation.
/// </summary>
internal sealed class FixedHeaderScanner(int maxPacketSize)
{
    private State _state = State.TypeByte;
    private long _remaining;
    private int _shift;
    private int _headerBytes;

    private enum State
    {
        TypeByte,
        RemainingLength,
        Body,
    }

    /// <summary>Total size (header + body) the offending packet declared as far as read — a lower bound when its length was cut short — set with <see cref="ScanResult.TooLarge"/>.</summary>
    public long DeclaredSize { get; private set; }

    public ScanResult Advance(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            switch (_state)
            {
                case State.TypeByte:
                    _state = State.RemainingLength;
                    _remaining = 0;
                    _shift = 0;
                    _headerBytes = 1;
                    chunk = chunk[1..];
                    break;

                case State.RemainingLength:
                    var b = chunk[0];
                    chunk = chunk[1..];
                    _remaining |= (long)(b & 0x7F) << _shift;
                    _shift += 7;
                    _headerBytes++;

                    // Decide as soon as the declared size is known to be too large, even mid-length.
                    if (_headerBytes + _remaining > maxPacketSize)
                    {
                        DeclaredSize = _headerBytes + _remaining;
                        return ScanResult.TooLarge;
                    }

                    if ((b & 0x80) == 0)
                    {
                        _state = _remaining == 0 ? State.TypeByte : State.Body;
                    }
                    else if (_shift >= 28)
                    {
                        return ScanResult.Malformed;
                    }

                    break;

                case State.Body:
                    var skip = (int)Math.Min(_remaining, chunk.Length);
                    _remaining -= skip;
                    chunk = chunk[skip..];
                    if (_remaining == 0)
                    {
                        _state = State.TypeByte;
                    }

                    break;
            }
        }

        return ScanResult.Ok;
    }
}
