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
    /// <summary>The task that completes once the message is durable, or null when the publish should go to MQTTnet.</summary>
    public Task? TryAccept(SessionIdentity identity, MqttPublishPacket publish)
    {
        if (publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtLeastOnce || publish.Retain || publish.TopicAlias != 0
            || identity.Principal.IsServiceAccount)
        {
            return null;
        }

        var topic = publish.Topic;
        if (!MqttText.IsValid(topic)
            || access.DecidePublish(identity.Principal, topic) != PublishDecision.DeviceMessage
            || subscriptions.AnyMatches(topic))
        {
            return null;
        }

        try
        {
            // No cancellation: then the sink hands back its batch's shared commit task instead of a wrapper per message.
            // A connection that ends meanwhile just has nobody left to acknowledge to.
            var durable = sink.AcceptAsync(topic, publish.Payload, identity.Principal.Username, CancellationToken.None);
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
