using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ParkCommunity.Simulators.Faults;
using ParkCommunity.Simulators.Hosting;
using ParkCommunity.Simulators.Mqtt;
using ParkCommunity.Simulators.Scenarios;
using ParkCommunity.Simulators.Simulation;
using ParkCommunity.Simulators.Tests.Support;

namespace ParkCommunity.Simulators.Tests.Mqtt;

public sealed partial class SimulationAgainstBrokerTests
{
    [Fact]
    public async Task SimulatedDevicesPublishContractPayloadsOnTheirTopicsAndRetainOnline()
    {
        await using var broker = await TestBroker.StartAsync();
        var devices = DeviceContract.DeviceKinds.Known.SelectMany(k => TestDevices.Many(k, 2)).ToList();
        var options = new SimulationOptions
        {
            BrokerPort = broker.Port,
            ConnectSpread = TimeSpan.FromMilliseconds(100),
            PublishInterval = new PublishIntervalOptions { Light = Fast, Park = Fast, Parking = Fast, Access = Fast },
        };
        var fleet = Fleet.Create(devices, options, Scenario.Empty, TimeProvider.System, GroundTruthLog.Discard());
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SimulationMetrics(services.GetRequiredService<IMeterFactory>());
        var everyDeviceTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        broker.Published += () =>
        {
            if (devices.All(d => broker.Received.Count(r => r.Topic.EndsWith($"/{d.Id}/telemetry", StringComparison.Ordinal)) >= 2))
            {
                everyDeviceTwice.TrySetResult();
            }
        };

        Dictionary<string, string> retainedWhileRunning;
        await using (var runner = new SimulationRunner(fleet, options, id => "demo-" + id, TimeProvider.System, metrics, NullLogger.Instance))
        {
            using var stop = new CancellationTokenSource();
            await runner.ConnectAllAsync(stop.Token);
            var running = runner.RunAsync(null, stop.Token);
            await everyDeviceTwice.Task.WaitAsync(TimeSpan.FromSeconds(30));
            retainedWhileRunning = await broker.RetainedAsync();
            await stop.CancelAsync();
            await running;
        }

        Assert.Empty(broker.Refused);
        Assert.All(devices, d => Assert.Equal("online", retainedWhileRunning[$"pc/tianfu-park/{d.Kind}/{d.Id}/status"]));
        var retainedAfterStop = await broker.RetainedAsync();
        Assert.All(devices, d => Assert.Equal("offline", retainedAfterStop[$"pc/tianfu-park/{d.Kind}/{d.Id}/status"]));

        var telemetry = broker.Received.Where(r => r.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).ToList();
        Assert.All(telemetry, r =>
        {
            var match = DeviceTopic().Match(r.Topic);
            Assert.True(match.Success, r.Topic);
            Assert.Equal(r.ClientId, match.Groups["device"].Value);
            AssertContractTelemetry(r.Payload);
        });
        Assert.True(metrics.Published > 0, "acknowledged publishes are counted");
    }

    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(50);

    private static void AssertContractTelemetry(byte[] payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("ts").ValueKind);
        Assert.True(root.GetProperty("seq").GetInt64() >= 1);
        var values = root.GetProperty("values").EnumerateObject().ToList();
        Assert.InRange(values.Count, 1, 64);
        Assert.All(values, v =>
        {
            Assert.Matches("^[a-z][a-z0-9_]{0,63}$", v.Name);
            Assert.Contains(v.Value.ValueKind, new[] { JsonValueKind.Number, JsonValueKind.True, JsonValueKind.False, JsonValueKind.String });
        });
    }

    [GeneratedRegex("^pc/tianfu-park/(light|park|parking|access)/(?<device>[A-Za-z0-9_-]{1,64})/telemetry$")]
    private static partial Regex DeviceTopic();
}
