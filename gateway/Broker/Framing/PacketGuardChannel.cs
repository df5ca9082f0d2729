using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace ParkCommunity.Gateway.Broker.Framing;

/// <summary>
/// Sits between the socket and MQTTnet's channel adapter and shows every inbound chunk to a
/// <see cref="FixedHeaderScanner"/> before MQTTnet sees it. A packet over the limit, or a malformed length, is never
/// handed on: <see cref="RejectedAsync"/> runs (it sends MQTT 5's DISCONNECT 0x95 where allowed) and the read reports
/// end of stream, which makes MQTTnet close the connection. Outbound, PUBACKs are gathered into fewer socket writes
/// (<see cref="PubAckCoalescer"/>), whether MQTTnet writes them or <see cref="Pipelining.OrderedPubAcks"/> appends them.
/// </summary>
internal sealed class PacketGuardChannel(IMqttChannel inner, int maxPacketSize) : IMqttChannel
{
    /// <summary>The read buffer's size: packets up to this size can be taken straight from it (<see cref="Buffered"/>).</summary>
    public const int ReadBufferBytes = 4096;

    private readonly FixedHeaderScanner _scanner = new(maxPacketSize);

    private readonly PubAckCoalescer _writer = new(inner);
    private byte[]? _readBuffer;
    private int _bufferStart;
    private int _buffered;
    private volatile bool _rejected;

    /// <summary>Called once when the stream is cut off, with why and the declared size; the connection closes after it returns.</summary>
    public Func<ScanResult, long, Task>? RejectedAsync { get; set; }

    /// <summary>Whether the server has written anything yet: the first write is CONNACK, before which DISCONNECT must not be sent.</summary>
    public bool HasWritten { get; private set; }

    public int MaxPacketSize => maxPacketSize;

    /// <summary>
    /// Bytes read from the socket that MQTTnet has not been handed yet, starting at a packet boundary whenever MQTTnet is
    /// not mid-packet. <see cref="Pipelining.PipelinedPublishAdapter"/> takes whole publishes from here with
    /// <see cref="Consume"/>, between MQTTnet's reads.
    /// </summary>
    public ReadOnlyMemory<byte> Buffered => _rejected || _readBuffer is null ? default : _readBuffer.AsMemory(_bufferStart, _buffered);

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Acknowledgements already handed over still go out before the close.
            await _writer.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The socket already failed; closing is all that is left.
        }

        await inner.DisconnectAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_rejected)
        {
            return 0;
        }

        int read;
        if (_buffered > 0 || count < ReadBufferBytes)
        {
            // MQTTnet reads a packet in small pieces (fixed header, then body): serving those from one larger socket
            // read turns two or more recv() calls per packet into one per burst of packets.
            if (_buffered == 0)
            {
                _readBuffer ??= new byte[ReadBufferBytes];
                _buffered = await inner.ReadAsync(_readBuffer, 0, ReadBufferBytes, cancellationToken).ConfigureAwait(false);
                _bufferStart = 0;
                if (_buffered == 0)
                {
                    return 0;
                }
            }

            read = Math.Min(count, _buffered);
            Buffer.BlockCopy(_readBuffer!, _bufferStart, buffer, offset, read);
            _bufferStart += read;
            _buffered -= read;
        }
        else
        {
            read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return 0;
            }
        }

        // Scanned as handed to MQTTnet, not as read from the socket: packets before an offending one are still served.
        var result = _scanner.Advance(buffer.AsSpan(offset, read));
        if (result == ScanResult.Ok)
        {
            return read;
        }

        _rejected = true;
        if (RejectedAsync is { } rejected)
        {
            await rejected(result, _scanner.DeclaredSize).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Marks the first <paramref name="count"/> buffered bytes as taken; they pass the size guard like bytes MQTTnet reads.</summary>
    public void Consume(int count)
    {
        var result = _scanner.Advance(_readBuffer.AsSpan(_bufferStart, count));

        // Callers only take whole packets within the limit, which the scanner always accepts.
        Debug.Assert(result == ScanResult.Ok, "a consumed packet broke the size guard");
        _bufferStart += count;
        _buffered -= count;
    }

    /// <summary>
    /// Reads more from the socket behind what is buffered (moving a partial packet to the front first). Returns the number
    /// of bytes read; 0 at end of stream or when the connection failed, which MQTTnet's next read then reports.
    /// </summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_rejected)
        {
            return 0;
        }

        _readBuffer ??= new byte[ReadBufferBytes];
        if (_bufferStart > 0)
        {
            Buffer.BlockCopy(_readBuffer, _bufferStart, _readBuffer, 0, _buffered);
            _bufferStart = 0;
        }

        if (_buffered == ReadBufferBytes)
        {
            return 0;
        }

        try
        {
            var read = await inner.ReadAsync(_readBuffer, _buffered, ReadBufferBytes - _buffered, cancellationToken).ConfigureAwait(false);
            _buffered += read;
            return read;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            return 0;
        }
    }

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(buffer, isEndOfPacket, cancellationToken).ConfigureAwait(false);
        HasWritten = true;
    }

    /// <summary>Buffers a whole PUBACK for the next coalesced write; see <see cref="PubAckCoalescer.Append"/>.</summary>
    public Task AppendPubAck(ReadOnlySpan<byte> pubAck)
    {
        var room = _writer.Append(pubAck);
        HasWritten = true;
        return room;
    }

    /// <summary>Ends the connection from the server's side: reads report end of stream and the socket closes.</summary>
    public void Abort()
    {
        _rejected = true;
        inner.Dispose();
    }

    public void Dispose()
    {
        inner.Dispose();
        _writer.Dispose();
    }
}
