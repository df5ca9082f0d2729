using ParkCommunity.Simulators.Faults;

namespace ParkCommunity.Simulators.Scenarios;

/// <summary>A scripted run: optionally when the simulated day starts and with which seed, and which faults happen when.</summary>
internal sealed record Scenario(DateTimeOffset? Start, int? Seed, IReadOnlyList<FaultPlan> Faults)
{
    public static Scenario Empty { get; } = new(null, null, []);
}
