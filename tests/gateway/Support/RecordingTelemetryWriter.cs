using System.Threading.Channels;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>
/// A telemetry store that records each write (point count and devices) and answers as the test tells
/// it: store, refuse some points, or fail as unavailable. <see cref="Gate"/> can hold writes back.
/// </summary>
public sealed class RecordingTelemetryWriter : ITelemetryWriter
{
    public Channel<IReadOnlyList<string>> Writes { get; } = Channel.CreateUnbounded<IReadOnlyList<string>>();

    /// <summary>How many of the next writes fail as unavailable.</summary>
    public int FailNext { get; set; }

    /// <summary>Points (by index in the batch) refused with a reason, on every write.</summary>
    public List<RejectedPoint> Refuse { get; } = [];

    /// <summary>When set, a write waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Attempts { get; private set; }

    public async ValueTask<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Attempts++;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailNext > 0)
        {
            FailNext--;
            throw new TelemetryStoreUnavailableException("connection refused (test)");
        }

        var devices = new List<string>();
        foreach (var point in batch.Points)
        {
            devices.Add(point.Series.Device);
        }

        await Writes.Writer.WriteAsync(devices, cancellationToken);
        return Refuse.Count == 0 ? WriteResult.AllStored : new WriteResult([.. Refuse]);
    }
}
