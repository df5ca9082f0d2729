using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>
/// Which publishes take the pipelined path (<see cref="PipelinedPublishAdapter"/>), and handing them to ingestion. A
/// publish qualifies when nothing about it needs MQTTnet: a device's own QoS 1 message for ingestion (the ACL's
/// <see cref="PublishDecision.DeviceMessage"/>), not retained, without a topic alias, on a valid topic, and with no
/// subscriber to route it to. Everything else — refusals included — goes MQTTnet's way, through the broker's
/// interception, which answers exactly as before.
/// </summary>
internal sealed class DevicePublishPipeline(
    BrokerAccessControl access,
    SubscribedFilters subscriptions,
    IDeviceMessageSink sink,
    BrokerMetrics metrics,
    ILogger logger)
{
    /// <summary>For a publish MQTTnet decoded: the task that completes once it is durable, or null when it should go MQTTnet's way.</summary>
    public Task? TryAccept(SessionIdentity identity, MqttPublishPacket publish)
    {
        if (publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtLeastOnce || publish.Retain || publish.TopicAlias != 0
            || !MayTake(identity, publish.Topic) || IsSubscribed(publish.Topic))
        {
            return null;
        }

        return Accept(identity, publish.Topic, publish.Payload);
    }

    /// <summary>What never changes for a (device, topic): valid UTF-8 and the device's own ingestion channel. Callers may cache it per topic.</summary>
    public bool MayTake(SessionIdentity identity, string topic) =>
        !identity.Principal.IsServiceAccount && MqttText.IsValid(topic) && access.DecidePublish(identity.Principal, topic) == PublishDecision.DeviceMessage;

    /// <summary>Whether some session subscribed to the topic, so the message must be routed by MQTTnet; checked per message.</summary>
    public bool IsSubscribed(string topic) => subscriptions.AnyMatches(topic);

    /// <summary>
    /// Hands a taken message to ingestion, which reads the payload before returning; the task completes once it is durable.
    /// </summary>
    public Task Accept(SessionIdentity identity, string topic, ReadOnlySequence<byte> payload)
    {
        try
        {
            // No cancellation: then the sink hands back its batch's shared commit task instead of a wrapper per message.
            // A connection that ends meanwhile just has nobody left to acknowledge to.
            var durable = sink.AcceptAsync(topic, payload, identity.Principal.Username, CancellationToken.None);
            return durable.IsCompletedSuccessfully ? Task.CompletedTask : durable.AsTask();
        }
#pragma warning disable CA1031 // A sink that throws at once is answered like one whose task fails: not acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>Counts and logs a message ingestion could not make durable; the caller answers the device.</summary>
    public void Failed(string deviceId, string topic, Exception exception)
    {
        metrics.SinkFailed();
        BrokerLog.SinkFailed(logger, exception, deviceId, topic);
    }
}
