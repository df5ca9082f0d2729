using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Simulation;
using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Faults;

/// <summary>One device run through a simulated night with faults given in command-line syntax, plus the ground truth it wrote.</summary>
internal sealed class FaultRun
{
    /// <summary>The run starts at 19:00 Chengdu time, after sunset; fault offsets count from here.</summary>
    public static readonly DateTimeOffset Start = TestDevices.Local(2025, 12, 21, 19);

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    private FaultRun(List<Tick> ticks, IReadOnlyList<GroundTruthEntry> truth)
    {
        Ticks = ticks;
        Truth = truth;
    }

    public List<Tick> Ticks { get; }

    public IReadOnlyList<GroundTruthEntry> Truth { get; }

    public GroundTruthEntry Entry => Assert.Single(Truth);

    public IEnumerable<Tick> Inside => Ticks.Where(t => t.At >= Entry.Start && (Entry.End is null || t.At < Entry.End));

    public IEnumerable<Tick> Outside => Ticks.Where(t => t.At < Entry.Start || (Entry.End is { } end && t.At >= end));

    public static FaultRun Of(RegisteredDevice device, params string[] faults) => Of(device, TimeSpan.FromHours(12), faults);

    public static FaultRun Of(RegisteredDevice device, TimeSpan length, params string[] faults)
    {
        var plans = faults.Select(FaultPlanReader.FromCommandLine);
        var schedule = FaultSchedule.Resolve(plans, [device], Start);
        using var writer = new StringWriter();
        var ticks = new List<Tick>();
        using (var log = new GroundTruthLog(writer, ownsWriter: false))
        {
            var simulator = new DeviceSimulator(device, 42, schedule.For(device.Id), log);
            for (var at = Start; at < Start + length; at += Step)
            {
                ticks.Add(new Tick(at, simulator.Tick(at)));
            }
        }

        return new FaultRun(ticks, GroundTruthEntry.ReadAll(new StringReader(writer.ToString())));
    }

    public sealed record Tick(DateTimeOffset At, IReadOnlyList<OutgoingMessage> Messages)
    {
        public IEnumerable<OutgoingMessage> Telemetry => Messages.Where(m => m.Channel == MessageChannel.Telemetry);

        public Payload Reading => Payload.Parse(Telemetry.Single());

        public IEnumerable<string> Events => Messages.Where(m => m.Channel == MessageChannel.Event).Select(m => System.Text.Encoding.UTF8.GetString(m.Payload));
    }
}
