using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Registry;

namespace ParkCommunity.DashboardApi.Live;

/// <summary>
/// Reads every device's status from the telemetry store every <c>Dashboard:StatusPollInterval</c> while anyone
/// listens on <c>/api/live</c>, and publishes the devices whose status changed since the last read. Reading the store
/// (not a gateway's memory) works the same with one gateway or several.
/// </summary>
internal sealed class DeviceStatusPoller(
    DeviceStatusReader reader, LiveUpdates live, IOptions<DashboardOptions> options, TimeProvider time, ILogger<DeviceStatusPoller> logger) : BackgroundService
{
    private Dictionary<string, string>? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StatusPollInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await PollAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.StatusPollFailed(ex, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        if (live.SubscriberCount == 0)
        {
            // Nobody listens: no store reads; the next listener starts from a fresh baseline.
            _last = null;
            return;
        }

        var snapshots = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var previous = _last;
        _last = snapshots.ToDictionary(s => s.Key, s => s.Value.Status, StringComparer.Ordinal);
        if (previous is null)
        {
            return;
        }

        foreach (var (id, snapshot) in snapshots)
        {
            if (previous.TryGetValue(id, out var before) && before != snapshot.Status)
            {
                var device = snapshot.Device;
                live.Publish(new LiveEvent(LiveEvent.DeviceStatus, device.Grid.Id, new
                {
                    device = device.Id, grid = device.Grid.Id, zone = device.Zone.Id, kind = device.Kind, status = snapshot.Status, lastSeen = snapshot.LastSeen,
                }));
            }
        }
    }
}
