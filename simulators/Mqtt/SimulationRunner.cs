using Microsoft.Extensions.Logging;
using MQTTnet.Exceptions;
using ParkCommunity.Simulators.Hosting;
using ParkCommunity.Simulators.Simulation;

namespace ParkCommunity.Simulators.Mqtt;

/// <summary>
/// Runs a <see cref="Fleet"/> against a broker: connects the devices gradually, then on a
/// <see cref="PeriodicTimer"/> lets each device publish when its interval is due. One device's failure
/// (refused, disconnected, timed out) is logged and retried later; it never stops the others.
/// </summary>
internal sealed partial class SimulationRunner : IAsyncDisposable
{
    /// <summary>A device that lost its connection tries again after this long (real time).</summary>
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(15);

    private readonly Fleet _fleet;
    private readonly SimulationOptions _options;
    private readonly TimeProvider _time;
    private readonly SimulationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<Slot> _slots;

    public SimulationRunner(Fleet fleet, SimulationOptions options, Func<string, string> secretFor, TimeProvider time, SimulationMetrics metrics, ILogger logger)
    {
        _fleet = fleet;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        var now = time.GetUtcNow();
        _slots = [.. fleet.Devices.Select((d, i) => new Slot(
            new DeviceConnection(d, options.TopicPrefix, options.BrokerHost, options.BrokerPort, secretFor(d.Device.Id)),
            options.PublishInterval.For(d.Device.Kind),
            // Stagger first publishes across the interval so devices do not all publish in the same tick.
            now + (options.PublishInterval.For(d.Device.Kind) * ((i * 0.618034) % 1))))];
    }

    public int Devices => _slots.Count;

    public int Connected => _slots.Count(s => s.Connection.IsConnected);

    public DateTimeOffset SimulatedNow => _fleet.Clock.Now;

    /// <summary>Connects every device, spread evenly over <see cref="SimulationOptions.ConnectSpread"/>.</summary>
    public async Task ConnectAllAsync(CancellationToken cancellationToken)
    {
        var pause = _slots.Count > 1 ? _options.ConnectSpread / _slots.Count : TimeSpan.Zero;
        foreach (var slot in _slots)
        {
            await TryConnectAsync(slot, cancellationToken).ConfigureAwait(false);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        LogConnected(_logger, Connected, _slots.Count, _options.BrokerHost, _options.BrokerPort);
    }

    /// <summary>Publishes until cancelled; <paramref name="onTick"/> runs after every tick (the hosted service's summary).</summary>
    public async Task RunAsync(Action? onTick, CancellationToken cancellationToken)
    {
        var shortest = _slots.Count == 0 ? TimeSpan.FromSeconds(1) : _slots.Min(s => s.Interval);
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 5, 1000));
        using var timer = new PeriodicTimer(tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await TickAsync(cancellationToken).ConfigureAwait(false);
                onTick?.Invoke();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: every device whose interval is due reads and publishes.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var simulatedNow = _fleet.Clock.Now;
        var due = _slots.Where(s => s.NextDue <= now).ToList();
        foreach (var slot in due)
        {
            slot.NextDue = slot.NextDue + slot.Interval > now ? slot.NextDue + slot.Interval : now + slot.Interval;
        }

        await Task.WhenAll(due.Select(s => PublishAsync(s, simulatedNow, now, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Says "offline" (retained) and disconnects every device at once: one after another, each waited for its own group
    /// commit, and stopping 600 devices took about 12 s.
    /// </summary>
    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_slots.Select(slot => slot.Connection.DisposeAsync().AsTask())).ConfigureAwait(false);

    private async Task PublishAsync(Slot slot, DateTimeOffset simulatedNow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The model advances even while the device is offline, so its state (soil, cars) stays continuous.
        var messages = slot.Connection.Simulator.Tick(simulatedNow);
        if (!slot.Connection.IsConnected && (now < slot.RetryAt || !await TryConnectAsync(slot, cancellationToken).ConfigureAwait(false)))
        {
            _metrics.CountFailed(messages.Count);
            return;
        }

        try
        {
            var acknowledged = await slot.Connection.PublishAsync(messages, cancellationToken).ConfigureAwait(false);
            _metrics.CountPublished(acknowledged);
            _metrics.CountFailed(messages.Count - acknowledged);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _metrics.CountFailed(messages.Count);
            slot.RetryAt = now + ReconnectAfter;
            LogPublishFailed(_logger, slot.Connection.Device.Id, ex.Message);
        }
    }

    private async Task<bool> TryConnectAsync(Slot slot, CancellationToken cancellationToken)
    {
        try
        {
            await slot.Connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            slot.RetryAt = _time.GetUtcNow() + ReconnectAfter;
            LogConnectFailed(_logger, slot.Connection.Device.Id, _options.BrokerHost, _options.BrokerPort, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Connected} of {Devices} simulated devices connected to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, int connected, int devices, string host, int port);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Simulated device {Device} could not connect to {Host}:{Port}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string device, string host, int port, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Simulated device {Device} could not publish: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string device, string reason);

    private sealed class Slot(DeviceConnection connection, TimeSpan interval, DateTimeOffset firstDue)
    {
        public DeviceConnection Connection { get; } = connection;

        public TimeSpan Interval { get; } = interval;

        public DateTimeOffset NextDue { get; set; } = firstDue;

        public DateTimeOffset RetryAt { get; set; }
    }
}
