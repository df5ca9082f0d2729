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
    DeviceStatusReader reader, LiveUpdates live, IOptions<DashboardOptions> options, TimeProvider time, ILogger<DeviceStatusPoller> logger)
    : LivePoller(live, time, logger)
{
    private Dictionary<string, string>? _last;

    protected override TimeSpan Interval => options.Value.StatusPollInterval;

    protected override string Source => "device status from the telemetry store";

    protected override void ForgetBaseline() => _last = null;

    protected override async Task PublishChangesAsync(CancellationToken cancellationToken)
    {
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
                Live.Publish(new LiveEvent(LiveEvent.DeviceStatus, device.Grid.Id, new
                {
                    device = device.Id, grid = device.Grid.Id, zone = device.Zone.Id, kind = device.Kind, status = snapshot.Status, lastSeen = snapshot.LastSeen,
                }));
            }
        }
    }
}
