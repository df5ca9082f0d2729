using Microsoft.Extensions.Options;
using ParkCommunity.Simulators.Faults;

namespace ParkCommunity.Simulators.Hosting;

/// <summary>Section <c>Simulation</c>: which devices to simulate, against which broker, how fast and with which faults.</summary>
public sealed class SimulationOptions
{
    public const string Section = "Simulation";

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>The site registry whose devices are simulated; each connects with its own (demo) credentials.</summary>
    public string RegistryPath { get; set; } = "deploy/sample-community/registry.yaml";

    /// <summary>First topic level: <c>{TopicPrefix}/{site}/{kind}/{device}/{channel}</c>.</summary>
    public string TopicPrefix { get; set; } = "pc";

    /// <summary>Simulated seconds per real second; 60 shows a day in 24 minutes.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Seed of every random choice: the same seed and start give the same readings. Default: the scenario's, else 42.</summary>
    public int? Seed { get; set; }

    /// <summary>Simulated time at start. Default: the scenario's start, else the real time now.</summary>
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>Simulate only this many devices (taken in turn from each kind, so every kind is shown).</summary>
    public int? DeviceLimit { get; set; }

    /// <summary>Spread the devices' connects over this long rather than opening hundreds at once.</summary>
    public TimeSpan ConnectSpread { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each device publishes, in real time, per kind.</summary>
    public PublishIntervalOptions PublishInterval { get; set; } = new();

    /// <summary>A scenario file (YAML) with faults to inject; see docs/simulators.md.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>Faults in command-line syntax, in addition to the scenario's.</summary>
    public List<string> Faults { get; set; } = [];

    /// <summary>JSON-lines file of every injected fault (device, fault, start, end); empty for none.</summary>
    public string? GroundTruthPath { get; set; } = ".data/simulator-ground-truth.jsonl";
}

/// <summary>Real-time publish interval per device kind.</summary>
public sealed class PublishIntervalOptions
{
    public TimeSpan Light { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Park { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Parking { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan Access { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan For(string kind) => kind switch
    {
        "light" => Light,
        "park" => Park,
        "parking" => Parking,
        _ => Access,
    };
}

/// <summary>Reports every problem of <see cref="SimulationOptions"/> at once, each naming its setting.</summary>
internal sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Problems(SimulationOptions options)
    {
        const string S = SimulationOptions.Section;
        if (string.IsNullOrWhiteSpace(options.BrokerHost))
        {
            yield return $"{S}:BrokerHost must name the MQTT broker's host.";
        }

        if (options.BrokerPort is < 1 or > 65535)
        {
            yield return $"{S}:BrokerPort must be 1–65535 (was {options.BrokerPort}).";
        }

        if (string.IsNullOrWhiteSpace(options.RegistryPath))
        {
            yield return $"{S}:RegistryPath must name the site registry file.";
        }
        else if (!File.Exists(options.RegistryPath))
        {
            yield return $"{S}:RegistryPath: no file at {Path.GetFullPath(options.RegistryPath)}.";
        }

        if (string.IsNullOrWhiteSpace(options.TopicPrefix) || options.TopicPrefix.AsSpan().IndexOfAny("/+#") >= 0)
        {
            yield return $"{S}:TopicPrefix must be one topic level without '/', '+' or '#' (was \"{options.TopicPrefix}\").";
        }

        if (!double.IsFinite(options.Speed) || options.Speed <= 0 || options.Speed > 100_000)
        {
            yield return $"{S}:Speed must be above 0 and at most 100000 (was {options.Speed}).";
        }

        if (options.DeviceLimit is < 1)
        {
            yield return $"{S}:DeviceLimit must be at least 1 when set (was {options.DeviceLimit}).";
        }

        if (options.ConnectSpread < TimeSpan.Zero || options.ConnectSpread > TimeSpan.FromMinutes(10))
        {
            yield return $"{S}:ConnectSpread must be between 0 and 10 minutes (was {options.ConnectSpread}).";
        }

        foreach (var (kind, interval) in new[] { ("Light", options.PublishInterval.Light), ("Park", options.PublishInterval.Park), ("Parking", options.PublishInterval.Parking), ("Access", options.PublishInterval.Access) })
        {
            if (interval < TimeSpan.FromMilliseconds(10) || interval > TimeSpan.FromHours(24))
            {
                yield return $"{S}:PublishInterval:{kind} must be between 10 ms and 24 h (was {interval}).";
            }
        }

        if (options.ScenarioPath is { Length: > 0 } scenario && !File.Exists(scenario))
        {
            yield return $"{S}:ScenarioPath: no file at {Path.GetFullPath(scenario)}.";
        }

        foreach (var fault in options.Faults)
        {
            string? problem = null;
            try
            {
                FaultPlanReader.FromCommandLine(fault);
            }
            catch (ScenarioException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                yield return $"{S}:Faults: {problem}";
            }
        }
    }
}
