using System.Buffers;
using MQTTnet.Channel;

namespace ParkCommunity.Gateway.Broker.Framing;

/// <summary>
/// Gathers a connection's PUBACKs into one socket write. Acknowledgements leave in bursts — a group commit completes
/// every message of a batch at once, so a device with a window of 50 gets up to 50 PUBACKs together — and MQTTnet
/// writes each 4-byte PUBACK with its own <c>send()</c>; under load that syscall (and the wake-up it causes in the
/// device) was the largest single cost per message. Here a PUBACK is appended to a buffer and a flush is queued behind
/// the work already waiting on the thread pool, so the PUBACKs released by the same commit go out together.
/// <para>
/// Nothing is acknowledged earlier than before: a PUBACK is only handed over after the message is durable, and the
/// flush follows at once. Every other packet (CONNACK, DISCONNECT, PUBLISH to subscribers, …) waits for the buffered
/// PUBACKs to be written and is then written directly. PUBACKs come both from MQTTnet's send loop and from
/// <see cref="Pipelining.OrderedPubAcks"/>, so socket writes take turns on one semaphore.
/// </para>
/// </summary>
internal sealed class PubAckCoalescer(IMqttChannel inner) : IDisposable
{
    /// <summary>Past this many buffered bytes the writer waits for the flush: memory per connection stays bounded.</summary>
    private const int MaxBufferedBytes = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _socket = new(1, 1);
    private byte[] _filling = new byte[256];
    private byte[] _sending = new byte[256];
    private int _filled;
    private TaskCompletionSource? _flushed;
    private Exception? _failure;
    private bool _midPacket;

    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        var startsPacket = !_midPacket;
        _midPacket = !isEndOfPacket;

        // PUBACK: packet type 4 in the high nibble [MQTT-2.2.1]; only whole packets handed over in one write.
        if (startsPacket && isEndOfPacket && !buffer.IsEmpty && buffer.FirstSpan[0] >> 4 == 4 && buffer.Length <= 256)
        {
            var full = Append(buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray());
            if (!full.IsCompleted)
            {
                await full.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await _socket.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, isEndOfPacket, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _socket.Release();
        }
    }

    /// <summary>
    /// Buffers one whole PUBACK and makes sure a flush is on its way. The returned task is complete unless the buffer is
    /// over its bound, in which case it completes once the flush has made room: the caller should wait for it.
    /// </summary>
    public Task Append(ReadOnlySpan<byte> pubAck)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new IOException("An earlier acknowledgement could not be written; the connection is closing.", _failure);
            }

            if (_filling.Length - _filled < pubAck.Length)
            {
                Array.Resize(ref _filling, Math.Max(_filling.Length * 2, _filled + pubAck.Length));
            }

            pubAck.CopyTo(_filling.AsSpan(_filled));
            _filled += pubAck.Length;
            if (_flushed is null)
            {
                _flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.FlushAsync(), this, preferLocal: false);
                return Task.CompletedTask;
            }

            return _filled > MaxBufferedBytes ? _flushed.Task : Task.CompletedTask;
        }
    }

    /// <summary>Waits until every buffered PUBACK is written (before another packet, or before closing).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        Task? pending;
        lock (_gate)
        {
            pending = _flushed?.Task;
        }

        if (pending is not null)
        {
            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_failure is { } failure)
        {
            throw new IOException("An acknowledgement could not be written; the connection is closing.", failure);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task FlushAsync()
    {
        while (true)
        {
            int length;
            lock (_gate)
            {
                if (_filled == 0 || _failure is not null)
                {
                    // Nothing left: the next PUBACK schedules a new flush; whoever waits for this one may go on.
                    var done = _flushed!;
                    _flushed = null;
                    _filled = 0;
                    done.TrySetResult();
                    return;
                }

                (_filling, _sending) = (_sending, _filling);
                length = _filled;
                _filled = 0;
            }

            try
            {
                await _socket.WaitAsync().ConfigureAwait(false);
                try
                {
                    await inner.WriteAsync(new ReadOnlySequence<byte>(_sending, 0, length), true, CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    _socket.Release();
                }
            }
#pragma warning disable CA1031 // Whatever the socket throws, the connection is done: remember it, close, and let MQTTnet's loops end.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _failure = ex;
                }

                inner.Dispose();
            }
        }
    }
}
