using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Registry;

/// <summary>What the store says about one device: its liveness, when it was last heard from, and its latest values.</summary>
internal sealed record DeviceSnapshot(RegisteredDevice Device, string Status, DateTimeOffset? LastSeen, IReadOnlyDictionary<string, object> Latest);

/// <summary>
/// Derives every device's status from the telemetry store, the one place all gateways write to: a device is
/// <c>offline</c> when its newest message is an <c>offline</c> status event (its last will) or nothing was heard for
/// <c>Dashboard:OfflineAfter</c>; <c>unknown</c> when it was never heard from; <c>online</c> otherwise.
/// </summary>
internal sealed class DeviceStatusReader(ITelemetryReader reader, CommunityRegistry registry, IOptions<DashboardOptions> options, TimeProvider time)
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Unknown = "unknown";

    private static readonly IReadOnlyDictionary<string, object> NoValues = new Dictionary<string, object>();

    public static IReadOnlyList<string> Statuses { get; } = [Online, Offline, Unknown];

    public async Task<IReadOnlyDictionary<string, DeviceSnapshot>> ReadAsync(CancellationToken cancellationToken)
    {
        var telemetry = Newest(await reader.LatestAsync(SeriesFilter.All, cancellationToken).ConfigureAwait(false));
        var events = new Dictionary<string, StoredPoint>(StringComparer.Ordinal);
        foreach (var kind in registry.Kinds)
        {
            foreach (var (device, point) in Newest(await reader.LatestAsync(new SeriesFilter(Kind: kind + TelemetryMeasurements.EventSuffix), cancellationToken).ConfigureAwait(false)))
            {
                events[device] = point;
            }
        }

        var now = time.GetUtcNow();
        var offlineAfter = options.Value.OfflineAfter;
        var snapshots = new Dictionary<string, DeviceSnapshot>(registry.Devices.Count, StringComparer.Ordinal);
        foreach (var device in registry.Devices)
        {
            telemetry.TryGetValue(device.Id, out var reading);
            events.TryGetValue(device.Id, out var lastEvent);
            var lastSeen = Max(reading?.Timestamp, lastEvent?.Timestamp);
            var saidOffline = lastEvent is not null && IsOfflineStatus(lastEvent) && lastEvent.Timestamp >= (reading?.Timestamp ?? DateTimeOffset.MinValue);
            var status = lastSeen is null ? Unknown
                : saidOffline || now - lastSeen.Value > offlineAfter ? Offline
                : Online;
            snapshots[device.Id] = new DeviceSnapshot(device, status, lastSeen, reading?.Values ?? NoValues);
        }

        return snapshots;
    }

    private static bool IsOfflineStatus(StoredPoint point) =>
        point.Values.TryGetValue("type", out var type) && type is "status"
        && point.Values.TryGetValue("status", out var status) && status is Offline;

    private static Dictionary<string, StoredPoint> Newest(IReadOnlyList<StoredPoint> points)
    {
        var newest = new Dictionary<string, StoredPoint>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (!newest.TryGetValue(point.Device, out var seen) || seen.Timestamp < point.Timestamp)
            {
                newest[point.Device] = point;
            }
        }

        return newest;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
