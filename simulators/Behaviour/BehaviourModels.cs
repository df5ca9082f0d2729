using ParkCommunity.DeviceContract;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Simulators.Behaviour;

/// <summary>Picks the behaviour model for a registered device from its kind and tags.</summary>
internal static class BehaviourModels
{
    public static bool Supports(string kind) => DeviceKinds.Known.Contains(kind);

    public static IBehaviourModel Create(RegisteredDevice device, SiteTime site, Random random)
    {
        var tags = device.Device.Tags;
        return device.Kind switch
        {
            DeviceKinds.Light => LightModel.Create(site, random, tags),
            DeviceKinds.Park => new ParkModel(site, random, ParkModel.DefaultCapacity),
            DeviceKinds.Parking => new ParkingModel(site, random, ParkingRoleOf(device.Id, tags)),
            DeviceKinds.Access => new AccessModel(site, random),
            _ => throw new ArgumentException($"No simulation model for device kind '{device.Kind}' (device {device.Id}).", nameof(device)),
        };
    }

    /// <summary>A <c>role</c> tag (<c>gate</c>, <c>charger</c>) decides; without one, words of the device id are a hint.</summary>
    internal static ParkingRole ParkingRoleOf(string id, IReadOnlyDictionary<string, string> tags)
    {
        var role = tags.TryGetValue("role", out var r) ? r : tags.TryGetValue("type", out var t) ? t : id;
        var words = role.ToUpperInvariant().Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        return words.Contains("GATE") || words.Contains("BARRIER") ? ParkingRole.Gate
            : words.Any(w => w is "EV" or "EVSE" or "CHARGER" or "CHARGING") ? ParkingRole.ChargingSpot
            : ParkingRole.Spot;
    }
}
