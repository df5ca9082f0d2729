using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Mqtt;
using ParkCommunity.Simulators.Scenarios;
using ParkCommunity.Simulators.Simulation;

namespace ParkCommunity.Simulators.Hosting;

/// <summary>
/// Simulates the registry's devices as a hosted service. Everything that can be wrong (registry,
/// scenario, faults) is checked in <see cref="StartAsync"/>, so a bad setup stops the host with a
/// message; connecting and publishing then run in the background, with a one-line summary per minute.
/// </summary>
internal sealed partial class DeviceSimulationService(
    IOptions<SimulationOptions> options,
    SimulationMetrics metrics,
    TimeProvider time,
    ILogger<DeviceSimulationService> logger) : BackgroundService
{
    private static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(1);

    private SimulationRunner? _runner;
    private GroundTruthLog? _groundTruth;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var registry = RegistryLoader.Load(settings.RegistryPath);
        var scenario = settings.ScenarioPath is { Length: > 0 } path ? ScenarioLoader.Load(path) : Scenario.Empty;
        _groundTruth = settings.GroundTruthPath is { Length: > 0 } truth ? GroundTruthLog.ToFile(truth) : GroundTruthLog.Discard();
        try
        {
            var fleet = Fleet.Create(registry.Devices, settings, scenario, time, _groundTruth);
            _runner = new SimulationRunner(fleet, settings, DemoSecrets.For, time, metrics, logger);
            LogStarting(logger, fleet.Devices.Count, fleet.FaultCount, fleet.Clock.Start, fleet.Clock.Speed, fleet.Seed);
        }
        catch
        {
            _groundTruth.Dispose();
            throw;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runner = _runner!;
        await runner.ConnectAllAsync(stoppingToken).ConfigureAwait(false);
        var nextSummary = time.GetUtcNow() + SummaryEvery;
        long published = 0, failed = 0;
        await runner.RunAsync(
            () =>
            {
                if (time.GetUtcNow() < nextSummary)
                {
                    return;
                }

                nextSummary += SummaryEvery;
                LogSummary(logger, runner.Connected, runner.Devices, metrics.Published - published, metrics.Failed - failed, runner.SimulatedNow);
                (published, failed) = (metrics.Published, metrics.Failed);
            },
            stoppingToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_runner is not null)
        {
            await _runner.DisposeAsync().ConfigureAwait(false);
        }

        _groundTruth?.Dispose();
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information,
        Message = "Simulating {Devices} devices with {Faults} injected faults from {SimulatedStart:O} at speed {Speed}, seed {Seed}")]
    private static partial void LogStarting(ILogger logger, int devices, int faults, DateTimeOffset simulatedStart, double speed, int seed);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information,
        Message = "Simulation: {Connected}/{Devices} devices connected, {Published} published and {Failed} failed in the last minute, simulated time {SimulatedNow:yyyy-MM-dd HH:mm}")]
    private static partial void LogSummary(ILogger logger, int connected, int devices, long published, long failed, DateTimeOffset simulatedNow);
}
