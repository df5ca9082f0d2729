using System.Diagnostics.Metrics;
using ParkCommunity.Gateway.DeviceStatus;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>The gateway's ingestion counters, on the meter <c>ParkCommunity.Gateway</c>.</summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "ParkCommunity.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _pointsStored;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _storeFailures;
    private readonly Counter<long> _seqGaps;
    private readonly Counter<long> _seqDuplicates;
    private readonly Histogram<int> _batchPoints;
    private readonly Histogram<double> _batchSeconds;

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _messages = _meter.CreateCounter<long>("pc.gateway.messages", "{message}", "Device messages received, by channel");
        _pointsStored = _meter.CreateCounter<long>("pc.gateway.points.stored", "{point}", "Points written to the telemetry store");
        _deadLetters = _meter.CreateCounter<long>("pc.gateway.dead_letters", "{message}", "Messages, items or points dead-lettered, by reason");
        _storeFailures = _meter.CreateCounter<long>("pc.gateway.store.failures", "{attempt}", "Failed telemetry store writes (each is retried)");
        _seqGaps = _meter.CreateCounter<long>("pc.gateway.seq.missing", "{message}", "Messages missing by devices' seq numbers (lost between device and broker)");
        _seqDuplicates = _meter.CreateCounter<long>("pc.gateway.seq.duplicates", "{message}", "Messages whose seq number a device had sent before");
        _batchPoints = _meter.CreateHistogram<int>("pc.gateway.batch.points", "{point}", "Points per written batch");
        _batchSeconds = _meter.CreateHistogram<double>("pc.gateway.batch.duration", "s", "Time to write one batch");
    }

    public void MessageReceived(string channel) => _messages.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void DeadLettered(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void StoreWriteFailed() => _storeFailures.Add(1);

    public void SequenceObserved(SequenceObservation observation)
    {
        if (observation.Missing > 0)
        {
            _seqGaps.Add(observation.Missing);
        }

        if (observation.Duplicate)
        {
            _seqDuplicates.Add(1);
        }
    }

    public void BatchWritten(int points, TimeSpan duration)
    {
        _pointsStored.Add(points);
        _batchPoints.Record(points);
        _batchSeconds.Record(duration.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
