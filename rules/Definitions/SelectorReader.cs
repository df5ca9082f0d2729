using ParkCommunity.SiteRegistry;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.Rules.Definitions;

/// <summary>Reads a rule's <c>select</c> map and, when the registry is known, checks every name in it exists.</summary>
internal static class SelectorReader
{
    public static RuleSelector? Read(YamlWalker walker, YamlNode node, CommunityRegistry? registry)
    {
        var map = walker.Map(node, "select", ["kind", "site", "grids", "zones", "devices", "tags"], []);
        if (map is null)
        {
            return null;
        }

        var before = walker.Problems.Count;
        var kind = map.TryGetValue("kind", out var kindNode) ? walker.Text(kindNode, "select.kind") : null;
        var site = map.TryGetValue("site", out var siteNode) ? walker.Text(siteNode, "select.site") : null;
        var grids = map.TryGetValue("grids", out var gridsNode) ? walker.Texts(gridsNode, "select.grids") : [];
        var zones = map.TryGetValue("zones", out var zonesNode) ? walker.Texts(zonesNode, "select.zones") : [];
        var devices = map.TryGetValue("devices", out var devicesNode) ? walker.Texts(devicesNode, "select.devices") : [];
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.TryGetValue("tags", out var tagsNode))
        {
            if (tagsNode is YamlMappingNode tagMap)
            {
                foreach (var (keyNode, valueNode) in tagMap.Children)
                {
                    if (walker.Text(keyNode, "select.tags") is { } key && walker.Text(valueNode, $"select.tags.{key}") is { } value)
                    {
                        tags[key] = value;
                    }
                }
            }
            else
            {
                walker.Problem(tagsNode, "select.tags", "must be a map of tag names to values, e.g. { rated_w: \"60\" }");
            }
        }

        if (registry is not null)
        {
            Known(walker, kindNode, kind is null ? [] : [kind], registry.Kinds, "select.kind", "kind");
            Known(walker, siteNode, site is null ? [] : [site], registry.Sites.Select(s => s.Id), "select.site", "site");
            var sites = registry.Sites.Where(s => site is null || s.Id == site).ToList();
            Known(walker, gridsNode, grids, sites.SelectMany(s => s.Grids).Select(g => g.Id), "select.grids", "grid");
            Known(walker, zonesNode, zones, sites.SelectMany(s => s.Grids).Where(g => grids.Count == 0 || grids.Contains(g.Id))
                .SelectMany(g => g.Zones).Select(z => z.Id), "select.zones", "zone");
            Known(walker, devicesNode, devices, registry.Devices.Select(d => d.Id), "select.devices", "device");
        }

        var selector = new RuleSelector(kind, site, grids, zones, devices, tags);
        return walker.Problems.Count > before ? null : Check(walker, node, selector, registry);
    }

    /// <summary>Refuses a selector that selects no registered device (when the registry is known).</summary>
    public static RuleSelector? Check(YamlWalker walker, YamlNode node, RuleSelector selector, CommunityRegistry? registry)
    {
        if (registry is not null && !registry.Devices.Any(selector.Matches))
        {
            walker.Problem(node, "select", "selects no device of the site registry " + registry.SourcePath);
            return null;
        }

        return selector;
    }

    private static void Known(YamlWalker walker, YamlNode? node, IEnumerable<string> names, IEnumerable<string> known, string field, string what)
    {
        var set = known.ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !set.Contains(n)))
        {
            walker.Problem(node!, field, $"{what} \"{name}\" is not in the site registry" + (set.Count <= 12 ? $" (known: {string.Join(", ", set.Order(StringComparer.Ordinal))})" : ""));
        }
    }
}
