using System.CommandLine;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Hosting;

namespace ParkCommunity.Simulators.Cli;

/// <summary>The options of <c>run</c>, mapped onto <see cref="SimulationOptions"/>.</summary>
internal sealed class RunOptions
{
    private readonly Option<string> _host = new("--host") { Description = "MQTT broker host.", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 };
    private readonly Option<string> _registry = new("--registry")
    {
        Description = "Site registry file whose devices are simulated (each connects as itself with its demo secret).",
        DefaultValueFactory = _ => "deploy/sample-community/registry.yaml",
    };

    private readonly Option<string> _prefix = new("--prefix") { Description = "First topic level of the device topics.", DefaultValueFactory = _ => "pc" };
    private readonly Option<double> _speed = new("--speed") { Description = "Time acceleration: simulated seconds per real second (60 = a day in 24 minutes).", DefaultValueFactory = _ => 1 };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed for every random choice; the same seed and --start reproduce the same readings (default: the scenario's, else 42)." };
    private readonly Option<DateTimeOffset?> _start = new("--start") { Description = "Simulated start time, e.g. 2025-06-21T18:00:00+08:00 (default: the scenario's, else now)." };
    private readonly Option<int?> _limit = new("--limit") { Description = "Simulate at most this many devices, taken in turn from each kind." };
    private readonly Option<TimeSpan?> _interval = new("--interval")
    {
        Description = "Real-time publish interval of every device (default per kind: light 30s, park 30s, parking 20s, access 15s).",
        CustomParser = SimulatorCommandLine.ParseDuration,
    };

    private readonly Option<string?> _scenario = new("--scenario") { Description = "Scenario file (YAML) with faults to inject at given times; see docs/simulators.md." };
    private readonly Option<string[]> _fault = new("--fault")
    {
        Description = $"Inject a fault (repeatable): {FaultPlanReader.CommandLineSyntax}. Kinds: {string.Join(", ", FaultKinds.Names)}. 'at' counts from the simulated start.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string> _groundTruth = new("--ground-truth")
    {
        Description = "JSON-lines file recording every injected fault (device, fault, start, end) in simulated time; '' for none.",
        DefaultValueFactory = _ => ".data/simulator-ground-truth.jsonl",
    };

    public RunOptions()
    {
        SimulatorCommandLine.Positive(_port, 1, 65535);
        SimulatorCommandLine.Positive(_speed, 0.001, 100_000);
        _limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be at least 1.");
            }
        });
        _fault.Validators.Add(r =>
        {
            foreach (var fault in r.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    FaultPlanReader.FromCommandLine(fault);
                }
                catch (ScenarioException ex)
                {
                    r.AddError(ex.Message);
                }
            }
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _host, _port, _registry, _prefix, _speed, _seed, _start, _limit, _interval, _scenario, _fault, _groundTruth })
        {
            command.Options.Add(option);
        }
    }

    public SimulationOptions Read(ParseResult parse)
    {
        var options = new SimulationOptions
        {
            BrokerHost = parse.GetValue(_host)!,
            BrokerPort = parse.GetValue(_port),
            RegistryPath = parse.GetValue(_registry)!,
            TopicPrefix = parse.GetValue(_prefix)!,
            Speed = parse.GetValue(_speed),
            Seed = parse.GetValue(_seed),
            StartAt = parse.GetValue(_start),
            DeviceLimit = parse.GetValue(_limit),
            ScenarioPath = parse.GetValue(_scenario),
            Faults = [.. parse.GetValue(_fault) ?? []],
            GroundTruthPath = parse.GetValue(_groundTruth),
        };
        if (parse.GetValue(_interval) is { } interval)
        {
            options.PublishInterval = new PublishIntervalOptions { Light = interval, Park = interval, Parking = interval, Access = interval };
        }

        return options;
    }
}
