using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Simulation;

namespace ParkCommunity.Simulators.Load;

/// <summary>
/// Publishes a fixed load and measures it. Each connection serves every C-th device, publishes with a
/// bounded window of unacknowledged messages (so the broker's acknowledgements, not our loop, set the pace)
/// and, with a rate, paces itself against the clock instead of sleeping.
/// </summary>
public sealed class LoadRunner(LoadOptions options, TimeProvider time) : ILoadCounters
{
    private long _published;
    private long _acknowledged;
    private long _failed;
    private long _started;
    private readonly TaskCompletionSource _publishing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoadProgress Progress => new(Interlocked.Read(ref _published), Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _failed),
        Elapsed);

    /// <summary>Completes when every connection is up and publishing starts.</summary>
    public Task Publishing => _publishing.Task;

    private TimeSpan Elapsed => _started == 0 ? TimeSpan.Zero : time.GetElapsedTime(_started);

    public async Task<LoadSummary> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var devices = LoadDevices();
        if (options.Engine == LoadEngine.Raw)
        {
            return await RunRawAsync(devices, cancellationToken).ConfigureAwait(false);
        }

        var connections = options.EffectiveConnections;
        var clients = new List<IMqttClient>(connections);
        try
        {
            for (var c = 0; c < connections; c++)
            {
                clients.Add(await ConnectAsync(c, options.RegistryPath is null ? null : devices[c], cancellationToken).ConfigureAwait(false));
            }

            return await PublishAsync(
                connections, (c, share, stop) => PublishLoopAsync(clients[c], [.. devices.Where((_, d) => d % connections == c)], share, stop), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    void ILoadCounters.Published(long count) => Interlocked.Add(ref _published, count);

    void ILoadCounters.Acknowledged(long count) => Interlocked.Add(ref _acknowledged, count);

    void ILoadCounters.Failed(long count) => Interlocked.Add(ref _failed, count);

    /// <summary>The raw engine: one socket per device, each device its own client id, credentials and topic.</summary>
    private async Task<LoadSummary> RunRawAsync(LoadDevice[] devices, CancellationToken cancellationToken)
    {
        var connections = new List<RawMqttLoadConnection>(devices.Length);
        try
        {
            // Connected a few at a time: the broker verifies a PBKDF2 credential per connection.
            using var connecting = new SemaphoreSlim(16);
            await Task.WhenAll(devices.Select(async device =>
            {
                var connection = new RawMqttLoadConnection(device);
                lock (connections)
                {
                    connections.Add(connection);
                }

                await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var (user, password) = options.RegistryPath is null ? (options.Username ?? device.Id, options.Password ?? "") : (device.Id, DemoSecrets.For(device.Id));
                    await connection.ConnectAsync(options.BrokerHost, options.BrokerPort, user, password, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    connecting.Release();
                }
            })).ConfigureAwait(false);

            return await PublishAsync(
                connections.Count, (c, share, stop) => connections[c].PublishAsync(share, options.InFlight, time, this, stop), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>
    /// The publishing phase, the same for both engines once every connection is up: starts the clock (and CPU count),
    /// shares --messages between the <paramref name="publishers"/>, stops them at --duration, and sums up.
    /// </summary>
    private async Task<LoadSummary> PublishAsync(int publishers, Func<int, long, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        _started = time.GetTimestamp();
        _publishing.TrySetResult();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var budget = options.Messages == 0 ? long.MaxValue : options.Messages;
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => publish(p, Share(budget, p, publishers), stop.Token))).ConfigureAwait(false);
        var progress = Progress;
        return new LoadSummary(progress.Published, progress.Acknowledged, progress.Failed, progress.Elapsed, Environment.CpuUsage.TotalTime - cpuAtStart);
    }

    private static long Share(long total, int index, int count) =>
        total == long.MaxValue ? long.MaxValue : (total / count) + (index < total % count ? 1 : 0);

    /// <summary>Each load device with its topic: registry devices as they are registered, or synthetic ones under <c>--site</c>.</summary>
    private LoadDevice[] LoadDevices()
    {
        if (options.RegistryPath is null)
        {
            return [.. Enumerable.Range(1, options.Devices).Select(d => new LoadDevice($"load-{d:D5}", $"{options.TopicPrefix}/{options.Site}/light/load-{d:D5}/telemetry"))];
        }

        var registered = RegistryLoader.Load(options.RegistryPath).Devices;
        if (registered.Count < options.Devices)
        {
            throw new InvalidOperationException($"--devices {options.Devices}: the registry {options.RegistryPath} has only {registered.Count} devices.");
        }

        return [.. registered.Take(options.Devices).Select(d => new LoadDevice(d.Id, $"{options.TopicPrefix}/{d.Site.Id}/{d.Kind}/{d.Id}/telemetry"))];
    }

    private async Task<IMqttClient> ConnectAsync(int index, LoadDevice? asDevice, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.BrokerHost, options.BrokerPort)
            .WithClientId(asDevice?.Id ?? $"pc-load-{Environment.ProcessId}-{index}")
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (asDevice is not null)
        {
            builder = builder.WithCredentials(asDevice.Id, DemoSecrets.For(asDevice.Id));
        }
        else if (options.Username is { } user)
        {
            builder = builder.WithCredentials(user, options.Password);
        }

        try
        {
            var result = await client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            return result.ResultCode == MqttClientConnectResultCode.Success
                ? client
                : throw new InvalidOperationException($"Broker {options.BrokerHost}:{options.BrokerPort} refused load connection {index}: {result.ResultCode}");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task PublishLoopAsync(IMqttClient client, LoadDevice[] devices, long budget, CancellationToken stop)
    {
        var sequences = new long[devices.Length];
        // Strictly increasing per device: two readings of one device in the same millisecond would be one point in the store.
        var lastTimestamps = new long[devices.Length];
        var ratePerSecond = options.Rate * devices.Length;
        var qos = options.Qos == 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
        using var window = new SemaphoreSlim(options.InFlight);
        var pending = new List<Task>();
        try
        {
            for (long sent = 0; sent < budget && !stop.IsCancellationRequested; sent++)
            {
                if (ratePerSecond > 0 && sent / ratePerSecond > Elapsed.TotalSeconds)
                {
                    await Task.Delay(TimeSpan.FromSeconds(sent / ratePerSecond) - Elapsed, time, stop).ConfigureAwait(false);
                }

                await window.WaitAsync(stop).ConfigureAwait(false);
                var device = (int)(sent % devices.Length);
                lastTimestamps[device] = Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), lastTimestamps[device] + 1);
                var payload = PayloadWriter.Telemetry(DateTimeOffset.FromUnixTimeMilliseconds(lastTimestamps[device]), ++sequences[device],
                    [TelemetryField.OfNumber("power_w", 40 + (sent % 20)), TelemetryField.OfBoolean("on", true)]);
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(devices[device].Topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(qos)
                    .Build();
                Interlocked.Increment(ref _published);
                pending.Add(PublishOneAsync(client, message, window));
                if (pending.Count >= 4 * options.InFlight)
                {
                    pending.RemoveAll(t => t.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Duration over or cancelled: what is in flight still completes below.
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window)
    {
        try
        {
            var result = await client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref result.IsSuccess ? ref _acknowledged : ref _failed);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            window.Release();
        }
    }
}

/// <summary>A device of a load run: its id (also its user name in registry mode) and its telemetry topic.</summary>
internal sealed record LoadDevice(string Id, string Topic);
