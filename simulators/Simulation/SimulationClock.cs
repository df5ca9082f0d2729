namespace ParkCommunity.Simulators.Simulation;

/// <summary>
/// Simulated time: starts at a chosen instant and runs <c>speed</c> times faster than the real clock,
/// so a demo can show a day in 24 minutes (speed 60). Payload timestamps are simulated time.
/// </summary>
internal sealed class SimulationClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _realStart;

    public SimulationClock(TimeProvider time, DateTimeOffset simulatedStart, double speed)
    {
        _time = time;
        _realStart = time.GetUtcNow();
        Start = simulatedStart;
        Speed = speed;
    }

    public DateTimeOffset Start { get; }

    public double Speed { get; }

    public DateTimeOffset Now => Start + ((_time.GetUtcNow() - _realStart) * Speed);
}
