using System.Diagnostics.Metrics;

namespace ParkCommunity.TelemetryStore.Diagnostics;

/// <summary>Counters of what the store accepted and refused, tagged with the backend.</summary>
public sealed class TelemetryStoreMetrics : IDisposable
{
    public const string MeterName = "ParkCommunity.TelemetryStore";

    private readonly Meter _meter;
    private readonly Counter<long> _written;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _failures;

    /// <param name="meterFactory">The host's factory; null (tests, tools) makes a meter of its own.</param>
    public TelemetryStoreMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _written = _meter.CreateCounter<long>("pc.telemetry_store.points_written", "{point}", "Points the store accepted.");
        _rejected = _meter.CreateCounter<long>("pc.telemetry_store.points_rejected", "{point}", "Points the store refused as invalid.");
        _failures = _meter.CreateCounter<long>("pc.telemetry_store.write_failures", "{batch}", "Batches that failed because the store was unavailable.");
    }

    public void Written(string backend, long points) => _written.Add(points, new KeyValuePair<string, object?>("backend", backend));

    public void Rejected(string backend, long points) => _rejected.Add(points, new KeyValuePair<string, object?>("backend", backend));

    public void Failed(string backend) => _failures.Add(1, new KeyValuePair<string, object?>("backend", backend));

    public void Dispose() => _meter.Dispose();
}
