using System.Net.Sockets;
using System.Text;

namespace ParkCommunity.Simulators.Load;

/// <summary>
/// One device on its own TCP connection, speaking MQTT 3.1.1 directly: CONNECT with the device's credentials, then
/// QoS 1 PUBLISHes with at most <c>inFlight</c> unacknowledged, reading PUBACKs. It plays a cheap embedded client: every
/// publish that fits the window goes out in one socket write, and each read takes every PUBACK that has arrived, so
/// the load tool spends a few µs of CPU per message and the machine's cores go to the system under test.
/// </summary>
internal sealed class RawMqttLoadConnection : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly LoadDevice _device;
    private readonly byte[] _topic;

    public RawMqttLoadConnection(LoadDevice device)
    {
        _device = device;
        _topic = Encoding.UTF8.GetBytes(device.Topic);
    }

    public async Task ConnectAsync(string host, int port, string username, string password, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await _socket.SendAsync(RawMqttPackets.Connect(_device.Id, username, password, keepAliveSeconds: 60), cancellationToken).ConfigureAwait(false);
        var connAck = new byte[4];
        var read = 0;
        while (read < connAck.Length)
        {
            var n = await _socket.ReceiveAsync(connAck.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new InvalidOperationException($"Broker {host}:{port} closed the connection of {_device.Id} before CONNACK (bad credentials?).");
            }

            read += n;
        }

        // CONNACK: 0x20, remaining length 2, session present, return code [MQTT-3.2.2.3].
        if (connAck[0] != RawMqttPackets.ConnAck || connAck[3] != 0)
        {
            throw new InvalidOperationException($"Broker {host}:{port} refused load connection {_device.Id}: CONNACK return code {connAck[3]}.");
        }
    }

    /// <summary>Publishes <paramref name="budget"/> messages (or until <paramref name="stop"/>) and waits for their PUBACKs.</summary>
    public async Task PublishAsync(long budget, int inFlight, TimeProvider time, ILoadCounters counters, CancellationToken stop)
    {
        var send = new byte[Math.Min(inFlight, 256) * RawMqttPackets.MaxPublishBytes];
        var receive = new byte[16 * 1024];
        var pendingAckBytes = 0;
        long sent = 0;
        long acknowledged = 0;
        long lastTimestamp = 0;
        ushort packetId = 0;

        // Refill the window only once a quarter of it is free: fewer, larger socket writes on both sides, as a device
        // that sends what it has queued would. With a window of 1 this is plain stop-and-wait.
        var refillAt = Math.Max(1, inFlight / 4);
        try
        {
            while (acknowledged < sent || (sent < budget && !stop.IsCancellationRequested))
            {
                var length = 0;
                var before = sent;
                var refill = inFlight - (sent - acknowledged) >= refillAt || sent == 0;
                while (refill && sent < budget && sent - acknowledged < inFlight && length + RawMqttPackets.MaxPublishBytes <= send.Length && !stop.IsCancellationRequested)
                {
                    // Strictly increasing: two readings of one device in the same millisecond would be one point in the store.
                    lastTimestamp = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), lastTimestamp + 1);
                    packetId = packetId == ushort.MaxValue ? (ushort)1 : (ushort)(packetId + 1);
                    sent++;
                    length += RawMqttPackets.WriteTelemetryPublish(send.AsSpan(length), _topic, packetId, lastTimestamp, sent, 40 + (int)(sent % 20));
                }

                if (length > 0)
                {
                    await _socket.SendAsync(send.AsMemory(0, length), SocketFlags.None, CancellationToken.None).ConfigureAwait(false);
                    counters.Published(sent - before);
                }

                if (acknowledged == sent)
                {
                    continue;
                }

                var read = await _socket.ReceiveAsync(receive.AsMemory(pendingAckBytes), SocketFlags.None, CancellationToken.None).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The broker closed the connection of {_device.Id}.");
                }

                var acks = CountAcks(receive.AsSpan(0, pendingAckBytes + read), out pendingAckBytes);
                acknowledged += acks;
                counters.Acknowledged(acks);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            counters.Failed(sent - acknowledged);
        }
    }

    /// <summary>Counts the whole PUBACKs (4 bytes: 0x40 0x02 id id) in <paramref name="data"/>; a partial one is moved to the front for the next read.</summary>
    private static int CountAcks(Span<byte> data, out int leftover)
    {
        var acks = 0;
        var at = 0;
        while (data.Length - at >= 4)
        {
            if (data[at] != RawMqttPackets.PubAck || data[at + 1] != 2)
            {
                throw new InvalidDataException($"Expected PUBACK, got packet type 0x{data[at]:X2}.");
            }

            acks++;
            at += 4;
        }

        leftover = data.Length - at;
        data[at..].CopyTo(data);
        return acks;
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>Where a load engine reports its counts.</summary>
internal interface ILoadCounters
{
    void Published(long count);

    void Acknowledged(long count);

    void Failed(long count);
}
