using System.Diagnostics.Metrics;

namespace ParkCommunity.Simulators.Hosting;

/// <summary>Counters of the simulator (meter <c>ParkCommunity.Simulators</c>), also the source of the per-minute summary.</summary>
internal sealed class SimulationMetrics
{
    public const string MeterName = "ParkCommunity.Simulators";

    private readonly Counter<long> _published;
    private readonly Counter<long> _failed;
    private long _publishedTotal;
    private long _failedTotal;

    public SimulationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("pc.simulator.messages.published", "{message}", "Messages the broker acknowledged.");
        _failed = meter.CreateCounter<long>("pc.simulator.messages.failed", "{message}", "Messages that could not be published.");
    }

    public long Published => Interlocked.Read(ref _publishedTotal);

    public long Failed => Interlocked.Read(ref _failedTotal);

    public void CountPublished(int count)
    {
        _published.Add(count);
        Interlocked.Add(ref _publishedTotal, count);
    }

    public void CountFailed(int count)
    {
        _failed.Add(count);
        Interlocked.Add(ref _failedTotal, count);
    }
}
