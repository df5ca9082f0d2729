using System.Net;
using System.Security.Cryptography.X509Certificates;
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
    private string _lastTopic = string.Empty;

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
        if (!identity.Principal.IsServiceAccount)
        {
            _acks = new OrderedPubAcks(channel, identity.ProtocolVersion, pipeline, identity.Principal.Username);
        }
    }

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastPacketTimestamp, time.GetTimestamp());
            if (packet is MqttPublishPacket publish && _acks is { } acks
                && pipeline.TryAccept(_identity!, publish) is { } durable)
            {
                var room = acks.Add(publish.PacketIdentifier, SameTopicOnce(publish.Topic), durable);
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
            else if (_acks is { } pending && packet is not (null or MqttPingReqPacket))
            {
                await pending.DrainAsync().ConfigureAwait(false);
            }

            return packet!;
        }
    }

    /// <summary>
    /// A device publishes to the same few topics over and over; the acknowledgement queue keeps one instance of each, so the
    /// string decoded for every packet dies young instead of living (and being promoted by the GC) until its commit.
    /// </summary>
    private string SameTopicOnce(string topic)
    {
        if (string.Equals(topic, _lastTopic, StringComparison.Ordinal))
        {
            return _lastTopic;
        }

        _lastTopic = topic;
        return topic;
    }

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public void ResetStatistics() => inner.ResetStatistics();

    /// <summary>Closes the connection from the server's side (keep-alive expired); MQTTnet's loops then end as for any lost connection.</summary>
    public void Abort() => channel.Abort();

    public void Dispose() => inner.Dispose();
}
