using System.Buffers;
using System.Collections.Concurrent;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>Records what the broker hands to ingestion; can hold each message until released, or fail.</summary>
internal sealed class RecordingSink : IDeviceMessageSink
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TaskCompletionSource> _held = [];

    public ConcurrentQueue<(string Topic, byte[] Payload, string? Device)> Accepted { get; } = new();

    /// <summary>When set, every message waits for this before it counts as durable.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public Exception? Failure { get; set; }

    /// <summary>When true, every message waits for its own gate, released with <see cref="Release"/> in any order.</summary>
    public bool HoldEach { get; set; }

    /// <summary>How many messages have reached the sink so far.</summary>
    public int EnteredCount
    {
        get
        {
            lock (_held)
            {
                return _enteredCount;
            }
        }
    }

    private int _enteredCount;

    /// <summary>Lets the <paramref name="index"/>-th held message (0-based, in arrival order) become durable.</summary>
    public void Release(int index)
    {
        lock (_held)
        {
            _held[index].SetResult();
        }
    }

    /// <summary>Completes when the first message arrives.</summary>
    public Task Entered => _entered.Task;

    public async ValueTask AcceptAsync(string topic, ReadOnlySequence<byte> payload, string? authenticatedDevice, CancellationToken cancellationToken)
    {
        var bytes = payload.ToArray();
        TaskCompletionSource? own = null;
        lock (_held)
        {
            _enteredCount++;
            if (HoldEach)
            {
                own = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _held.Add(own);
            }
        }

        _entered.TrySetResult();
        if (own is not null)
        {
            await own.Task.WaitAsync(cancellationToken);
        }

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
