using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Rules.Definitions;

/// <summary>How a selector picks registered devices; kept beside the record so both read the same way.</summary>
public static class RuleSelectorMatching
{
    public static bool Matches(this RuleSelector selector, RegisteredDevice device)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(device);
        return (selector.Kind is null || device.Kind == selector.Kind)
            && (selector.Site is null || device.Site.Id == selector.Site)
            && (selector.Grids.Count == 0 || selector.Grids.Contains(device.Grid.Id))
            && (selector.Zones.Count == 0 || selector.Zones.Contains(device.Zone.Id))
            && (selector.Devices.Count == 0 || selector.Devices.Contains(device.Id))
            && selector.Tags.All(tag => device.Device.Tags.TryGetValue(tag.Key, out var value) && value == tag.Value);
    }

    /// <summary>The selected devices of <paramref name="registry"/>, in registry order.</summary>
    public static IReadOnlyList<RegisteredDevice> Select(this RuleSelector selector, CommunityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return [.. registry.Devices.Where(selector.Matches)];
    }
}
