using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Behaviour;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Hosting;
using ParkCommunity.Simulators.Scenarios;

namespace ParkCommunity.Simulators.Simulation;

/// <summary>The simulated devices of a run, with their faults resolved and the simulated clock they share.</summary>
internal sealed class Fleet
{
    public const int DefaultSeed = 42;

    private Fleet(IReadOnlyList<DeviceSimulator> devices, SimulationClock clock, int faultCount, int seed)
    {
        Devices = devices;
        Clock = clock;
        FaultCount = faultCount;
        Seed = seed;
    }

    public IReadOnlyList<DeviceSimulator> Devices { get; }

    public SimulationClock Clock { get; }

    public int FaultCount { get; }

    public int Seed { get; }

    /// <summary>Builds the run; a fault that names no device or a wrong kind throws <see cref="ScenarioException"/>.</summary>
    public static Fleet Create(
        IReadOnlyList<RegisteredDevice> registered, SimulationOptions options, Scenario scenario, TimeProvider time, GroundTruthLog groundTruth)
    {
        var devices = Select(registered, options.DeviceLimit);
        var seed = options.Seed ?? scenario.Seed ?? DefaultSeed;
        var start = options.StartAt ?? scenario.Start ?? time.GetUtcNow();
        var plans = scenario.Faults.Concat(options.Faults.Select(FaultPlanReader.FromCommandLine));
        var schedule = FaultSchedule.Resolve(plans, devices, start);
        var simulators = devices.Select(d => new DeviceSimulator(d, seed, schedule.For(d.Id), groundTruth)).ToList();
        return new Fleet(simulators, new SimulationClock(time, start, options.Speed), schedule.Count, seed);
    }

    /// <summary>Devices of kinds we can simulate; with a limit, taken in turn from each kind so a small demo still shows every kind.</summary>
    internal static List<RegisteredDevice> Select(IReadOnlyList<RegisteredDevice> registered, int? limit)
    {
        var supported = registered.Where(d => BehaviourModels.Supports(d.Kind)).ToList();
        if (limit is not { } max || max >= supported.Count)
        {
            return supported;
        }

        var queues = supported.GroupBy(d => d.Kind).Select(g => new Queue<RegisteredDevice>(g)).ToList();
        var selected = new List<RegisteredDevice>(max);
        while (selected.Count < max)
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (selected.Count < max)
                {
                    selected.Add(queue.Dequeue());
                }
            }
        }

        return selected;
    }
}
