namespace ParkCommunity.TelemetryStore.Writing;

/// <summary>The write side of the telemetry store port.</summary>
public interface ITelemetryWriter
{
    /// <summary>
    /// Writes every point of <paramref name="batch"/>. Writes are idempotent on series + timestamp,
    /// so a retried batch does not duplicate data.
    /// Returns the points the store refused as invalid (e.g. a field type conflict) with the store's
    /// own reason; the rest of the batch is stored. Throws <see cref="TelemetryStoreUnavailableException"/>
    /// when nothing could be stored for a reason that may pass (store down, timeout, 5xx).
    /// </summary>
    ValueTask<WriteResult> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken);
}

/// <summary>A point the store refused, by its index in the written batch, with the store's reason.</summary>
public readonly record struct RejectedPoint(int Index, string Reason);

public sealed class WriteResult
{
    public static WriteResult AllStored { get; } = new([]);

    public WriteResult(IReadOnlyList<RejectedPoint> rejected) => Rejected = rejected;

    public IReadOnlyList<RejectedPoint> Rejected { get; }
}

/// <summary>The store could not be reached or failed transiently; the batch may be retried as a whole.</summary>
public sealed class TelemetryStoreUnavailableException : Exception
{
    public TelemetryStoreUnavailableException(string message) : base(message) { }

    public TelemetryStoreUnavailableException(string message, Exception inner) : base(message, inner) { }

    public TelemetryStoreUnavailableException() { }
}
