using System.Buffers;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.EndToEnd;

/// <summary>The broker ceiling's sink: takes every device message as durable at once, so the broker acknowledges immediately.</summary>
internal sealed class NoOpSink : IDeviceMessageSink
{
    private long _accepted;

    public long Accepted => Interlocked.Read(ref _accepted);

    public ValueTask AcceptAsync(string topic, ReadOnlySequence<byte> payload, string? authenticatedDevice, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _accepted);
        return ValueTask.CompletedTask;
    }
}
