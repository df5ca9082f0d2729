using System.Buffers;
using System.Collections.Concurrent;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>Records what the broker hands to ingestion; can hold each message until released, or fail.</summary>
internal sealed class RecordingSink : IDeviceMessageSink
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(string Topic, byte[] Payload, string? Device)> Accepted { get; } = new();

    /// <summary>When set, every message waits for this before it counts as durable.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public Exception? Failure { get; set; }

    /// <summary>Completes when the first message arrives.</summary>
    public Task Entered => _entered.Task;

    public async ValueTask AcceptAsync(string topic, ReadOnlySequence<byte> payload, string? authenticatedDevice, CancellationToken cancellationToken)
    {
        var bytes = payload.ToArray();
        _entered.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        Accepted.Enqueue((topic, bytes, authenticatedDevice));
    }
}
