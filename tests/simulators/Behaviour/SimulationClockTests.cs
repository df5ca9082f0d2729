using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Simulators.Simulation;
using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Behaviour;

public sealed class SimulationClockTests
{
    [Fact]
    public void AtSpeed60OneRealMinuteIsOneSimulatedHour()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = TestDevices.Local(2025, 6, 21, 18);
        var clock = new SimulationClock(time, start, speed: 60);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(start.AddHours(1), clock.Now);
    }
}
