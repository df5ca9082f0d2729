namespace ParkCommunity.Simulators.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void SimulatorsReferenceOnlyTheDeviceContractAndTheSiteRegistryOfOurAssemblies()
    {
        var ours = typeof(ParkCommunity.Simulators.Cli.SimulatorCommandLine).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("ParkCommunity.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["ParkCommunity.DeviceContract", "ParkCommunity.SiteRegistry"], ours);
    }
}
