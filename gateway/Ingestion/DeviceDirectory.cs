using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using ParkCommunity.DeviceContract.Topics;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// Resolves the device a topic names to its placement, allocation-free for registered devices.
/// Unknown devices follow <see cref="IngestionOptions.UnknownDevices"/>; at most
/// <see cref="MaxUnassignedDevices"/> are tracked so a misbehaving fleet cannot grow memory forever.
/// </summary>
public sealed class DeviceDirectory
{
    public const int MaxUnassignedDevices = 10_000;

    private readonly Dictionary<string, DevicePlacement>.AlternateLookup<ReadOnlySpan<char>> _registered;
    private readonly ConcurrentDictionary<string, DevicePlacement> _unassigned = new(StringComparer.Ordinal);
    private readonly UnknownDevicePolicy _policy;

    public DeviceDirectory(CommunityRegistry registry, IOptions<IngestionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var placements = registry.Devices.ToDictionary(d => d.Id, DevicePlacement.Of, StringComparer.Ordinal);
        _registered = placements.GetAlternateLookup<ReadOnlySpan<char>>();
        All = [.. placements.Values];
        _policy = options.Value.UnknownDevices;
    }

    /// <summary>Every registered device's placement.</summary>
    public IReadOnlyList<DevicePlacement> All { get; }

    public IEnumerable<DevicePlacement> Unassigned => _unassigned.Values;

    /// <summary>
    /// Finds the placement of the device <paramref name="topic"/> names and checks the topic's site and kind
    /// against the registry. On failure <paramref name="reason"/> and <paramref name="detail"/> say why.
    /// </summary>
    public bool TryResolve(
        in DeviceTopic topic,
        [NotNullWhen(true)] out DevicePlacement? placement,
        [NotNullWhen(false)] out string? reason,
        [NotNullWhen(false)] out string? detail)
    {
        if (_registered.TryGetValue(topic.Device, out placement))
        {
            var telemetry = placement.Telemetry;
            if (topic.Site.SequenceEqual(telemetry.Site) && topic.Kind.SequenceEqual(telemetry.Kind))
            {
                reason = detail = null;
                return true;
            }

            reason = DeadLetterReasons.TopicMismatch;
            detail = $"device \"{telemetry.Device}\" is registered as {telemetry.Kind} at site \"{telemetry.Site}\", " +
                     $"but published as {topic.Kind} at site \"{topic.Site}\"";
            placement = null;
            return false;
        }

        if (_policy == UnknownDevicePolicy.AcceptAsUnassigned)
        {
            var id = topic.Device.ToString();
            if (_unassigned.TryGetValue(id, out placement) || _unassigned.Count < MaxUnassignedDevices)
            {
                placement ??= _unassigned.GetOrAdd(id, static (key, t) => DevicePlacement.OfUnassigned(key, t.Site, t.Kind), (Site: topic.Site.ToString(), Kind: topic.Kind.ToString()));
                if (topic.Site.SequenceEqual(placement.Telemetry.Site) && topic.Kind.SequenceEqual(placement.Telemetry.Kind))
                {
                    reason = detail = null;
                    return true;
                }
            }

            placement = null;
            reason = DeadLetterReasons.UnknownDevice;
            detail = $"device \"{topic.Device}\" is not in the registry, and no more unassigned devices are accepted or it changed site or kind";
            return false;
        }

        reason = DeadLetterReasons.UnknownDevice;
        detail = $"device \"{topic.Device}\" is not in the registry (Gateway:Ingestion:UnknownDevices is Reject)";
        return false;
    }
}
