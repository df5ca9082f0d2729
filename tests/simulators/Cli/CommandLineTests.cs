using System.CommandLine;
using ParkCommunity.Simulators.Cli;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Simulators.Tests.Cli;

/// <summary>The command line parsed and invoked in-process, as a user would run it.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _folder = new("pc-sim-cli");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task HelpExplainsEveryOption()
    {
        var exit = await InvokeAsync("--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--speed", "--seed", "--registry", "--scenario", "--fault", "--limit", "--ground-truth", "--interval", "load" })
        {
            Assert.Contains(option, _output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--speed", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--fault", "meltdown:light-0001")]
    [InlineData("--interval", "often")]
    [InlineData("--limit", "0")]
    public async Task ABadOptionIsAClearErrorWithANonZeroExitCode(string option, string value)
    {
        var exit = await InvokeAsync(option, value);

        Assert.NotEqual(0, exit);
        Assert.Contains(option.TrimStart('-'), _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadScenarioFileExitsWithItsLineAndCode2()
    {
        var registry = _folder.File("registry.yaml");
        await File.WriteAllTextAsync(registry, "sites: []\n");
        var scenario = _folder.File("day.yaml");
        await File.WriteAllTextAsync(scenario, "faults:\n  - fault: lamp_failure\n    devices: [light-0001]\n    at: noon\n");

        var exit = await InvokeAsync("--registry", registry, "--scenario", scenario);

        Assert.Equal(SimulatorCommandLine.SetupError, exit);
        Assert.Contains($"{scenario}:2: at 'noon' is not a duration", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingRegistryIsNamedWithCode2()
    {
        var exit = await InvokeAsync("--registry", _folder.File("nope.yaml"));

        Assert.Equal(SimulatorCommandLine.SetupError, exit);
        Assert.Contains("Simulation:RegistryPath: no file at", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadRejectsMoreConnectionsThanDevices()
    {
        var exit = await InvokeAsync("load", "--devices", "2", "--connections", "5");

        Assert.Equal(SimulatorCommandLine.SetupError, exit);
        Assert.Contains("--connections must be between 1 and the number of devices (2)", _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _folder.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> InvokeAsync(params string[] args) =>
        SimulatorCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });
}
