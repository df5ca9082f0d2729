using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using ParkCommunity.Gateway.Broker.Framing;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>
/// A connection's MQTTnet channel adapter with device publishes taken off MQTTnet's one-at-a-time path. MQTTnet's server
/// reads a connection's packets one by one and awaits each publish's interception before reading the next, so a device
/// with 50 messages in flight had one of them in a group commit at a time, and every message paid several thread-pool
/// hops (receive loop, dispatch, PUBACK through the send queue). Here a publish the <see cref="DevicePublishPipeline"/>
/// takes is handed to ingestion as soon as it is read, the next is read at once, and the PUBACKs follow in order as
/// commits complete (<see cref="OrderedPubAcks"/>), many per socket write.
/// <para>
/// Everything else — CONNECT, SUBSCRIBE, PINGREQ, service accounts' publishes, retained, QoS 0/2 or subscribed-to
/// messages, refusals — reaches MQTTnet unchanged, after the PUBACKs already due, so PUBACKs leave in the order the
/// PUBLISHes came. MQTTnet's keep-alive check only counts packets it sees, so it is switched off (the CONNECT it gets
/// says 0) and <see cref="KeepAliveWatch"/> applies [MQTT-3.1.2-24] to every packet read here instead.
/// </para>
/// </summary>
internal sealed class PipelinedPublishAdapter(MqttChannelAdapter inner, PacketGuardChannel channel, DevicePublishPipeline pipeline, TimeProvider time)
    : IMqttChannelAdapter
{
    private SessionIdentity? _identity;
    private OrderedPubAcks? _acks;
    private long _lastPacketTimestamp = time.GetTimestamp();
    private bool _mqtt5;
    private byte[] _lastTopicBytes = [];
    private string _lastTopic = string.Empty;
    private bool _lastTopicMayBeTaken;

    /// <summary>The client id from CONNECT, for logs; empty before it.</summary>
    public string ClientId { get; private set; } = string.Empty;

    /// <summary>The keep-alive the client asked for in CONNECT, in seconds; 0 means none.</summary>
    public ushort KeepAliveSeconds { get; private set; }

    /// <summary>When the last packet was read, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long LastPacketTimestamp => Volatile.Read(ref _lastPacketTimestamp);

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public long BytesSent => inner.BytesSent;

    public long BytesReceived => inner.BytesReceived;

    /// <summary>Called once the connection is authenticated: from now on a device's publishes may take the pipelined path.</summary>
    public void Authenticated(SessionIdentity identity)
    {
        _identity = identity;
        _mqtt5 = identity.ProtocolVersion == MqttProtocolVersion.V500;
        if (!identity.Principal.IsServiceAccount)
        {
            _acks = new OrderedPubAcks(channel, identity.ProtocolVersion, pipeline, identity.Principal.Username);
        }
    }

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_acks is { } acks)
            {
                var (next, room) = TakeBufferedPublishes(acks);
                if (!room.IsCompleted)
                {
                    await room.ConfigureAwait(false);
                }

                if (next == PublishFrameStatus.NeedMore && await channel.FillAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    continue;
                }
            }

            var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastPacketTimestamp, time.GetTimestamp());
            if (packet is MqttPublishPacket publish && _acks is { } pending && pipeline.TryAccept(_identity!, publish) is { } durable)
            {
                // A publish MQTTnet decoded because it did not fit the read buffer whole.
                var room = pending.Add(publish.PacketIdentifier, TopicOnce(publish.Topic), durable);
                if (!room.IsCompleted)
                {
                    await room.ConfigureAwait(false);
                }

                continue;
            }

            if (packet is MqttConnectPacket connect)
            {
                ClientId = connect.ClientId ?? string.Empty;
                KeepAliveSeconds = connect.KeepAlivePeriod;
                connect.KeepAlivePeriod = 0;
            }
            else if (_acks is { } acknowledging && packet is not (null or MqttPingReqPacket))
            {
                await acknowledging.DrainAsync().ConfigureAwait(false);
            }

            return packet!;
        }
    }

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public void ResetStatistics() => inner.ResetStatistics();

    /// <summary>Closes the connection from the server's side (keep-alive expired); MQTTnet's loops then end as for any lost connection.</summary>
    public void Abort() => channel.Abort();

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// Takes every whole publish the pipelined path may have straight from the read buffer: no packet objects, no copy
    /// of the payload (ingestion reads it before returning). Stops at the first packet that is not one, at a partial
    /// packet, or when the acknowledgement queue is full (then the returned task says when to go on).
    /// </summary>
    private (PublishFrameStatus Next, Task Room) TakeBufferedPublishes(OrderedPubAcks acks)
    {
        var identity = _identity!;
        var maxLength = Math.Min(PacketGuardChannel.ReadBufferBytes, channel.MaxPacketSize);
        for (var taken = 0; ; taken++)
        {
            var buffered = channel.Buffered;
            var status = PublishFrame.TryRead(buffered.Span, _mqtt5, maxLength, out var frame);
            if (status != PublishFrameStatus.Complete)
            {
                return (status, Task.CompletedTask);
            }

            if (taken == 0)
            {
                // Once per read burst: for the keep-alive, a packet now is as good as several.
                Volatile.Write(ref _lastPacketTimestamp, time.GetTimestamp());
            }

            var topic = TopicOf(buffered.Span.Slice(frame.TopicStart, frame.TopicLength), out var mayTake);
            if (!mayTake || pipeline.IsSubscribed(topic))
            {
                return (PublishFrameStatus.NotPipelined, Task.CompletedTask);
            }

            var durable = pipeline.Accept(identity, topic, new ReadOnlySequence<byte>(buffered.Slice(frame.PayloadStart, frame.PayloadLength)));
            channel.Consume(frame.Length);
            var room = acks.Add(frame.PacketId, topic, durable);
            if (!room.IsCompleted)
            {
                return (PublishFrameStatus.Complete, room);
            }
        }
    }

    /// <summary>
    /// The topic as a string, and whether the pipelined path may take it. A device publishes to the same few topics over
    /// and over, so the last one is kept with its verdict and recognised by its bytes: no string per message, and the
    /// acknowledgement queue holds one shared instance instead of one per message until its commit.
    /// </summary>
    private string TopicOf(ReadOnlySpan<byte> bytes, out bool mayTake)
    {
        if (!bytes.SequenceEqual(_lastTopicBytes))
        {
            _lastTopicBytes = bytes.ToArray();
            _lastTopic = Encoding.UTF8.GetString(bytes);
            _lastTopicMayBeTaken = pipeline.MayTake(_identity!, _lastTopic);
        }

        mayTake = _lastTopicMayBeTaken;
        return _lastTopic;
    }

    /// <summary>The kept instance when a decoded topic equals the last one (see <see cref="TopicOf"/>).</summary>
    private string TopicOnce(string topic) => string.Equals(topic, _lastTopic, StringComparison.Ordinal) ? _lastTopic : topic;
}
