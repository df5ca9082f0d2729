using System.Buffers.Binary;
using System.Text;
using MQTTnet.Formatter;
using ParkCommunity.Gateway.Broker.Framing;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>
/// One connection's pipelined publishes waiting to be durable, acknowledged strictly in the order they arrived
/// [MQTT-4.6.0-2]: each PUBACK leaves only when its own message and every earlier one are done. Group commits complete
/// in order, so in practice a commit releases a run of PUBACKs at once, written together by the
/// <see cref="PubAckCoalescer"/>. A message ingestion could not make durable gets MQTT 5's PUBACK 0x83; an MQTT 3.1.1
/// PUBACK cannot refuse, so there the connection is closed before any later PUBACK, and the device sends again.
/// </summary>
internal sealed class OrderedPubAcks(PacketGuardChannel channel, MqttProtocolVersion protocolVersion, DevicePublishPipeline pipeline, string deviceId)
{
    /// <summary>Past this many unacknowledged publishes, the connection stops reading until the oldest is durable.</summary>
    public const int MaxInFlight = 256;

    private static readonly byte[] NotStoredReason = Encoding.UTF8.GetBytes("not stored; publish again");

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _pending = new();
    private Task _acknowledging = Task.CompletedTask;
    private bool _running;
    private bool _closed;

    /// <summary>
    /// Queues the acknowledgement of a publish whose message becomes durable with <paramref name="durable"/>. The returned
    /// task is complete unless <see cref="MaxInFlight"/> are waiting; then it completes when the oldest is durable.
    /// </summary>
    public Task Add(ushort packetId, string topic, Task durable)
    {
        bool start;
        Task? oldest = null;
        lock (_gate)
        {
            _pending.Enqueue(new Pending(packetId, topic, durable));
            start = !_running;
            _running = true;
            if (_pending.Count >= MaxInFlight)
            {
                oldest = _pending.Peek().Durable;
            }
        }

        if (start)
        {
            _acknowledging = AcknowledgeInOrderAsync();
        }

        return oldest is null ? Task.CompletedTask : WhenSettled(oldest);
    }

    /// <summary>
    /// Completes once every queued publish is acknowledged (or the connection closed): called before MQTTnet sees another
    /// packet. Like <see cref="Add"/>, only ever called from the connection's receive loop.
    /// </summary>
    public Task DrainAsync() => _acknowledging;

    private async Task AcknowledgeInOrderAsync()
    {
        while (true)
        {
            Pending head;
            lock (_gate)
            {
                if (!_pending.TryPeek(out head))
                {
                    _running = false;
                    return;
                }
            }

            if (!head.Durable.IsCompleted)
            {
                await WhenSettled(head.Durable).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _pending.Dequeue();
            }

            if (!_closed)
            {
                var room = Acknowledge(head);
                if (!room.IsCompleted)
                {
                    await WhenSettled(room).ConfigureAwait(false);
                }
            }
        }
    }

    private Task Acknowledge(Pending publish)
    {
        try
        {
            if (publish.Durable.IsCompletedSuccessfully)
            {
                Span<byte> pubAck = [0x40, 0x02, 0, 0];
                BinaryPrimitives.WriteUInt16BigEndian(pubAck[2..], publish.PacketId);
                return channel.AppendPubAck(pubAck);
            }

            pipeline.Failed(deviceId, publish.Topic, publish.Durable.Exception?.GetBaseException() ?? new OperationCanceledException());
            if (protocolVersion != MqttProtocolVersion.V500)
            {
                _closed = true;
                channel.Abort();
                return Task.CompletedTask;
            }

            return channel.AppendPubAck(RefusalPubAck(publish.PacketId));
        }
        catch (IOException)
        {
            // The socket already failed; the connection is closing and the device will send again.
            _closed = true;
            return Task.CompletedTask;
        }
    }

    /// <summary>MQTT 5 PUBACK with reason 0x83 (implementation specific error) and a reason string [MQTT-3.4.2].</summary>
    private static byte[] RefusalPubAck(ushort packetId)
    {
        var properties = 3 + NotStoredReason.Length;
        var pubAck = new byte[2 + 2 + 1 + 1 + properties];
        pubAck[0] = 0x40;
        pubAck[1] = (byte)(pubAck.Length - 2);
        BinaryPrimitives.WriteUInt16BigEndian(pubAck.AsSpan(2), packetId);
        pubAck[4] = 0x83;
        pubAck[5] = (byte)properties;
        pubAck[6] = 0x1F;
        BinaryPrimitives.WriteUInt16BigEndian(pubAck.AsSpan(7), (ushort)NotStoredReason.Length);
        NotStoredReason.CopyTo(pubAck.AsSpan(9));
        return pubAck;
    }

    private static async Task WhenSettled(Task task) => await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private readonly record struct Pending(ushort PacketId, string Topic, Task Durable);
}
