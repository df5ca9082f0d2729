using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ParkCommunity.Gateway.Broker.Framing;
using ParkCommunity.Gateway.Broker.Pipelining;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Broker;

/// <summary>
/// The gateway's own MQTT broker (MQTTnet), registered once and exposed both as <see cref="IHostedService"/> and,
/// through <see cref="Server"/>, as <see cref="MqttServer"/>. Every connection authenticates against the site registry
/// (or a service account), each device is held to its own topic tree, and device messages go straight from publish
/// interception to <see cref="IDeviceMessageSink"/>: the PUBACK is sent only after the sink says the message is durable.
/// Most device messages take a faster way to the same sink that does not wait for one message before reading the next
/// (<see cref="PipelinedPublishAdapter"/>); the rest come through <see cref="OnInterceptingPublishAsync"/> here.
/// <para>
/// Device messages stay routable to subscribers: a message some session subscribed to goes MQTTnet's way (ProcessPublish
/// stays true), and MQTTnet copies it only for matching subscriptions. Pipelined messages get PUBACK 0x00; MQTT 5
/// devices whose message went MQTTnet's way with no subscriber get 0x10 "no matching subscribers", which the spec
/// counts as success too.
/// </para>
/// </summary>
public sealed class InProcessBroker : IHostedService, IDisposable
{
    private readonly InProcessBrokerOptions _options;
    private readonly BrokerAccessControl _access;
    private readonly ClientIdBindings _bindings = new();
    private readonly SubscribedFilters _subscriptions = new();
    private readonly DevicePublishPipeline _pipeline;
    private readonly IDeviceMessageSink _sink;
    private readonly BrokerMetrics _metrics;
    private readonly ILogger<InProcessBroker> _logger;
    private readonly GuardedTcpServerAdapter _adapter;

    public InProcessBroker(
        IOptions<InProcessBrokerOptions> options,
        IOptions<GatewayOptions> gatewayOptions,
        CommunityRegistry registry,
        IDeviceMessageSink sink,
        BrokerMetrics metrics,
        TimeProvider time,
        ILogger<InProcessBroker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        _options = options.Value;
        _sink = sink;
        _metrics = metrics;
        _logger = logger;
        _access = new BrokerAccessControl(registry, gatewayOptions.Value.TopicPrefix, _options.ServiceAccounts);
        _pipeline = new DevicePublishPipeline(_access, _subscriptions, sink, metrics, logger);
        var keepAlive = new KeepAliveWatch(_options.KeepAliveMonitorInterval, _options.CommunicationTimeout, time, logger);
        _adapter = new GuardedTcpServerAdapter(
            new IPEndPoint(IPAddress.Parse(_options.BindAddress), _options.Port), _options.MaxPacketSize, _pipeline, keepAlive, time, metrics, logger);
        Server = new MqttServerFactory().CreateMqttServer(BuildServerOptions(_options), [_adapter], new MqttNetLogBridge(logger));
        Server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        Server.ClientConnectedAsync += OnClientConnectedAsync;
        Server.SessionDeletedAsync += OnSessionDeletedAsync;
        Server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        Server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        Server.ClientUnsubscribedTopicAsync += OnClientUnsubscribedAsync;
        Server.InterceptingOutboundPacketAsync += OnOutboundPacketAsync;
        Server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueuedOrDroppedAsync;
        Server.QueuedApplicationMessageOverwrittenAsync += OnQueueOverwrittenAsync;
    }

    public MqttServer Server { get; }

    /// <summary>Where the broker listens (with the real port when <see cref="InProcessBrokerOptions.Port"/> is 0); null until started.</summary>
    public IPEndPoint? LocalEndPoint => _adapter.LocalEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Server.StartAsync().ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new InvalidOperationException(
                $"The MQTT broker cannot listen on {_options.BindAddress}:{_options.Port} ({InProcessBrokerOptions.Section}:BindAddress/Port): {ex.Message}", ex);
        }

        BrokerLog.Listening(_logger, LocalEndPoint!.ToString(), _options.MaxPacketSize, _options.ServiceAccounts.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Server.IsStarted)
        {
            await Server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            BrokerLog.Stopped(_logger);
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        _adapter.Dispose();
    }

    private static MqttServerOptions BuildServerOptions(InProcessBrokerOptions options)
    {
        var server = new MqttServerOptions
        {
            DefaultCommunicationTimeout = options.CommunicationTimeout,
            EnablePersistentSessions = options.PersistentSessions,
            MaxPendingMessagesPerClient = options.MaxPendingMessagesPerClient,

            // Dropping the new message keeps what a slow subscriber already has queued in order and puts the gap at
            // the end, where the publisher's and receiver's ids are both known for the log (OnEnqueuedOrDroppedAsync);
            // MQTTnet's default drops the oldest, which nobody notices.
            PendingMessagesOverflowStrategy = MqttPendingMessagesOverflowStrategy.DropNewMessage,
        };
        server.KeepAliveOptions.MonitorInterval = options.KeepAliveMonitorInterval;
        server.DefaultEndpointOptions.IsEnabled = true;
        return server;
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        var clientId = args.ClientId;
        if (string.IsNullOrEmpty(clientId) || !MqttText.IsValid(clientId))
        {
            // [MQTT-1.5.4-1/2]: malformed UTF-8 must close the connection; CONNACK 0x85 says why, then MQTTnet closes.
            return Refuse(args, MqttConnectReasonCode.ClientIdentifierNotValid, "client id is empty, not valid UTF-8 or contains U+0000", "client_id");
        }

        if (!MqttText.IsValid(args.UserName))
        {
            return Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "user name is not valid UTF-8 or contains U+0000", "bad_credentials");
        }

        var principal = _access.Authenticate(args.UserName, args.Password);
        if (principal is null)
        {
            return Refuse(args, MqttConnectReasonCode.BadUserNameOrPassword, "unknown user or wrong password", "bad_credentials");
        }

        // NotAuthorized rather than ClientIdentifierNotValid: the id is well-formed, it just belongs to someone else,
        // and the holder of the right credential may still use it.
        if (!_bindings.TryBind(clientId, principal.Username, out var holder))
        {
            return Refuse(args, MqttConnectReasonCode.NotAuthorized, $"client id is in use by \"{holder}\"", "client_id_taken");
        }

        var identity = new SessionIdentity(principal, args.ProtocolVersion);
        args.SessionItems[SessionIdentity.Key] = identity;
        (args.ChannelAdapter as PipelinedPublishAdapter)?.Authenticated(identity);
        args.ReasonCode = MqttConnectReasonCode.Success;
        _metrics.Connected();
        return Task.CompletedTask;
    }

    private Task Refuse(ValidatingConnectionEventArgs args, MqttConnectReasonCode reason, string why, string metricReason)
    {
        args.ReasonCode = reason;
        _metrics.AuthenticationFailed(metricReason);
        BrokerLog.ConnectionRefused(_logger, args.ClientId ?? string.Empty, args.UserName, args.RemoteEndPoint?.ToString(), why);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A resumed session keeps the items of the connection that created it, so this connection's protocol version is stored again.
    /// </summary>
    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        // Client-id binding guarantees a resumed session was created by the same user, so only the version is refreshed.
        if (SessionIdentity.Of(args.SessionItems) is { } identity && identity.ProtocolVersion != args.ProtocolVersion)
        {
            args.SessionItems[SessionIdentity.Key] = identity with { ProtocolVersion = args.ProtocolVersion };
        }

        return Task.CompletedTask;
    }

    private Task OnSessionDeletedAsync(SessionDeletedEventArgs args)
    {
        _bindings.Release(args.Id);
        _subscriptions.RemoveClient(args.Id);
        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        if (SessionIdentity.Of(args.SessionItems) is not { } identity)
        {
            // Only connections that passed validation publish; this guards against a future MQTTnet path that does not.
            args.ProcessPublish = false;
            args.CloseConnection = true;
            return;
        }

        var principal = identity.Principal;
        if (!MqttText.IsValid(topic))
        {
            _metrics.ProtocolViolation("utf8");
            BrokerLog.InvalidUtf8(_logger, args.ClientId, "a publish topic");
            args.ProcessPublish = false;
            args.CloseConnection = true;
            return;
        }

        var decision = _access.DecidePublish(principal, topic);
        if (decision == PublishDecision.Denied)
        {
            _metrics.AclDenied("publish");
            BrokerLog.PublishDenied(_logger, principal.Username, topic, principal.IsServiceAccount
                ? $"service accounts publish only under {_access.TopicPrefix}/"
                : $"a device publishes only under {BrokerAccessControl.DeviceRoot(_access.TopicPrefix, principal.Device!)}/");
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;

            // MQTT 3.1.1 PUBACK cannot carry a refusal; the spec leaves acknowledging or closing [MQTT-3.3.5-2].
            // Closing makes the misconfiguration visible to the device instead of silently losing its data.
            args.CloseConnection = identity.ProtocolVersion != MqttProtocolVersion.V500;
            return;
        }

        if (decision != PublishDecision.DeviceMessage)
        {
            return;
        }

        try
        {
            await _sink.AcceptAsync(topic, args.ApplicationMessage.Payload, principal.Username, args.CancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever ingestion throws, the answer to the device is the same: not acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _pipeline.Failed(principal.Username, topic, ex);
            args.ProcessPublish = false;
            if (identity.ProtocolVersion == MqttProtocolVersion.V500)
            {
                args.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
                args.Response.ReasonString = "not stored; publish again";
            }
            else
            {
                // MQTT 3.1.1 has no failed PUBACK: closing before the acknowledgement makes the device resend.
                args.CloseConnection = true;
            }
        }
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        if (!MqttText.IsValid(filter))
        {
            _metrics.ProtocolViolation("utf8");
            BrokerLog.InvalidUtf8(_logger, args.ClientId, "a subscription topic filter");
            args.ProcessSubscription = false;
            args.CloseConnection = true;
            return Task.CompletedTask;
        }

        var principal = SessionIdentity.Of(args.SessionItems)?.Principal;
        if (principal is not null && _access.MaySubscribe(principal, filter))
        {
            _subscriptions.Add(args.ClientId, filter);
            return Task.CompletedTask;
        }

        _metrics.AclDenied("subscribe");
        BrokerLog.SubscriptionDenied(_logger, principal?.Username ?? args.ClientId, filter, principal?.Device is { } device
            ? $"a device subscribes only under {BrokerAccessControl.DeviceRoot(_access.TopicPrefix, device)}/"
            : $"service accounts subscribe only under {_access.TopicPrefix}/");
        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        return Task.CompletedTask;
    }

    private Task OnClientUnsubscribedAsync(ClientUnsubscribedTopicEventArgs args)
    {
        _subscriptions.Remove(args.ClientId, args.TopicFilter);
        return Task.CompletedTask;
    }

    /// <summary>Advertises the packet limit to MQTT 5 clients so well-behaved ones never exceed it [MQTT-3.2.2.3.6].</summary>
    private Task OnOutboundPacketAsync(InterceptingPacketEventArgs args)
    {
        if (args.Packet is MqttConnAckPacket connAck)
        {
            connAck.MaximumPacketSize = (uint)_options.MaxPacketSize;
        }

        return Task.CompletedTask;
    }

    private Task OnEnqueuedOrDroppedAsync(ApplicationMessageEnqueuedEventArgs args)
    {
        if (args.IsDropped)
        {
            _metrics.MessageDropped();
            BrokerLog.MessageDropped(_logger, args.ApplicationMessage.Topic, args.SenderClientId, args.ReceiverClientId);
        }

        return Task.CompletedTask;
    }

    // Only raised under DropOldestQueuedMessage; handled anyway so no configuration can make a drop silent.
    private Task OnQueueOverwrittenAsync(QueueMessageOverwrittenEventArgs args)
    {
        _metrics.MessageDropped();
        BrokerLog.MessageDropped(_logger, (args.Packet as MqttPublishPacket)?.Topic ?? "?", "?", args.ReceiverClientId);
        return Task.CompletedTask;
    }
}
