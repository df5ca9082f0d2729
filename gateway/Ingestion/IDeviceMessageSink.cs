using System.Buffers;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// Where the broker side (in-process broker interception, or the external-broker client) hands every
/// device message. The returned task completes once the message is durable — its points stored or
/// spooled, or the message dead-lettered with a reason — and only then may the message be acknowledged.
/// The payload is read before the first await, so the caller may reuse its buffer once the task is
/// returned, but it must not acknowledge before the task completes. A faulted task means: do not acknowledge.
/// </summary>
public interface IDeviceMessageSink
{
    /// <param name="topic">The MQTT topic as published.</param>
    /// <param name="payload">The raw payload bytes.</param>
    /// <param name="authenticatedDevice">The device id the publisher authenticated as, or null when the
    /// broker did not authenticate it (external broker: identity comes from the topic alone).</param>
    ValueTask AcceptAsync(string topic, ReadOnlySequence<byte> payload, string? authenticatedDevice, CancellationToken cancellationToken);
}
