using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Hosting;
using ParkCommunity.Simulators.Scenarios;

namespace ParkCommunity.Simulators.Cli;

/// <summary>
/// <c>ParkCommunity.Simulators [run]</c> simulates the registry's devices; <c>load</c> measures a broker's
/// throughput. Bad options are parse errors (exit code 1, with usage); a bad scenario file or setup exits with 2.
/// </summary>
public static class SimulatorCommandLine
{
    public const int SetupError = 2;

    public static RootCommand Build()
    {
        var run = new RunOptions();
        var root = new RootCommand(
            "ParkCommunity device simulators: simulate the site registry's street lights, parks, parking and access " +
            "devices over MQTT, each with its own credentials, with realistic daily behaviour and injectable faults.");
        run.AddTo(root);
        root.SetAction((parse, ct) => RunAsync(run, parse, ct));

        var runCommand = new Command("run", "Simulate the registry's devices (the default when no command is given).");
        var runOptions = new RunOptions();
        runOptions.AddTo(runCommand);
        runCommand.SetAction((parse, ct) => RunAsync(runOptions, parse, ct));
        root.Subcommands.Add(runCommand);
        root.Subcommands.Add(LoadCommand.Build());
        return root;
    }

    private static async Task<int> RunAsync(RunOptions run, ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var options = run.Read(parse);
        var problems = SimulationOptionsValidator.Problems(options).ToList();
        if (options.ScenarioPath is { Length: > 0 } scenario && File.Exists(scenario))
        {
            try
            {
                ScenarioLoader.Load(scenario);
            }
            catch (ScenarioException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
            }

            return SetupError;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Environment.CurrentDirectory });
        builder.Services.AddDeviceSimulation(o => Copy(options, o));
        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is ScenarioException or OptionsValidationException or IOException or InvalidDataException or FormatException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return SetupError;
        }
    }

    private static void Copy(SimulationOptions from, SimulationOptions to)
    {
        to.BrokerHost = from.BrokerHost;
        to.BrokerPort = from.BrokerPort;
        to.RegistryPath = from.RegistryPath;
        to.TopicPrefix = from.TopicPrefix;
        to.Speed = from.Speed;
        to.Seed = from.Seed;
        to.StartAt = from.StartAt;
        to.DeviceLimit = from.DeviceLimit;
        to.ScenarioPath = from.ScenarioPath;
        to.Faults = from.Faults;
        to.GroundTruthPath = from.GroundTruthPath;
        to.PublishInterval = from.PublishInterval;
    }

    /// <summary>Parses a duration option (<c>30s</c>, <c>5m</c>, <c>00:00:30</c>) with an error naming the option.</summary>
    internal static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (FaultPlanReader.TryParseDuration(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "duration"}: '{text}' is not a positive duration such as 30s, 5m, 2h or 00:00:30.");
        return null;
    }

    internal static void Positive<T>(Option<T> option, double min, double max)
        where T : struct, IConvertible
    {
        option.Validators.Add(result =>
        {
            var value = Convert.ToDouble(result.GetValueOrDefault<T>(), System.Globalization.CultureInfo.InvariantCulture);
            if (!double.IsFinite(value) || value < min || value > max)
            {
                result.AddError($"{option.Name} must be between {min} and {max} (was {value}).");
            }
        });
    }
}
