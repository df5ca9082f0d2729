using System.Diagnostics.Metrics;

namespace ParkCommunity.Gateway.Spool;

/// <summary>The disk spool's instruments, on the meter <c>ParkCommunity.Gateway</c>.</summary>
public sealed class SpoolMetrics : IDisposable
{
    public const string MeterName = "ParkCommunity.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _appended;
    private readonly Counter<long> _replayed;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _torn;
    private Func<long>? _pendingBytes;

    public SpoolMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("pc.gateway.spool.bytes", () => _pendingBytes?.Invoke() ?? 0, "By", "Bytes in the spool waiting to be replayed into the store");
        _appended = _meter.CreateCounter<long>("pc.gateway.spool.appended", "{record}", "Batches written to the spool while the store was failing");
        _replayed = _meter.CreateCounter<long>("pc.gateway.spool.replayed", "{record}", "Spooled batches written to the store");
        _dropped = _meter.CreateCounter<long>("pc.gateway.spool.dropped", "{record}", "Spooled batches lost: dropped when full (DropOldest) or unreadable");
        _torn = _meter.CreateCounter<long>("pc.gateway.spool.torn", "{record}", "Torn or corrupt records found at a segment's tail and cut off");
    }

    /// <summary>The spool whose pending bytes the gauge reports.</summary>
    internal void Track(Func<long> pendingBytes) => _pendingBytes = pendingBytes;

    internal void Appended() => _appended.Add(1);

    internal void Replayed() => _replayed.Add(1);

    internal void Dropped(long records) => _dropped.Add(records);

    internal void TornRecordFound() => _torn.Add(1);

    public void Dispose() => _meter.Dispose();
}
