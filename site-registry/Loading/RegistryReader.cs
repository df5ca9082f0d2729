using System.Globalization;
using ParkCommunity.DeviceContract;
using YamlDotNet.RepresentationModel;

namespace ParkCommunity.SiteRegistry;

/// <summary>Walks the YAML tree of a registry file, building the model and collecting every problem with its position.</summary>
internal sealed class RegistryReader(string source)
{
    public const int MaxProblems = 50;
    public const string DefaultTimeZone = "Asia/Shanghai";

    private readonly List<string> _problems = [];
    private readonly Dictionary<string, YamlNode> _deviceIds = new(StringComparer.Ordinal);
    private readonly List<string> _kinds = [.. DeviceKinds.Known];

    public IReadOnlyList<string> Problems => _problems;

    public (IReadOnlyList<Site>, IReadOnlyList<string>) Empty()
    {
        _problems.Add($"{source}:1:1: the file is empty; it needs a 'sites' list");
        return ([], _kinds);
    }

    public (IReadOnlyList<Site>, IReadOnlyList<string>) ReadRoot(YamlNode root)
    {
        var map = Mapping(root, "the registry", ["sites", "kinds"], ["sites"]);
        if (map is null)
        {
            return ([], _kinds);
        }

        if (map.TryGetValue("kinds", out var kindsNode))
        {
            foreach (var kindNode in Sequence(kindsNode, "kinds"))
            {
                var kind = Scalar(kindNode, "kinds");
                if (kind is not null && !ContractNames.IsValidKind(kind))
                {
                    Problem(kindNode, $"kind \"{kind}\" must match [a-z][a-z0-9_]{{0,31}}");
                }
                else if (kind is not null && !_kinds.Contains(kind))
                {
                    _kinds.Add(kind);
                }
            }
        }

        var sites = map.TryGetValue("sites", out var sitesNode) ? ReadList(sitesNode, "sites", ReadSite) : [];
        if (sites.Count == 0 && _problems.Count == 0)
        {
            Problem(root, "'sites' must list at least one site");
        }

        return (sites, _kinds);
    }

    private Site? ReadSite(YamlNode node)
    {
        var map = Mapping(node, "a site", ["id", "name", "location", "timezone", "grids"], ["id", "location", "grids"]);
        var id = Id(map, node, "site");
        if (map is null || id is null)
        {
            return null;
        }

        var what = $"site \"{id}\"";
        var timeZone = map.TryGetValue("timezone", out var tzNode) ? Scalar(tzNode, what + " timezone") : DefaultTimeZone;
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            Problem(tzNode!, $"{what}: timezone \"{timeZone}\" is not a known IANA time zone (e.g. Asia/Shanghai)");
        }

        var location = map.TryGetValue("location", out var locationNode) ? ReadLocation(locationNode, what) : null;
        var grids = map.TryGetValue("grids", out var gridsNode) ? ReadList(gridsNode, what + " grids", ReadGrid) : [];
        Unique(grids.Select(g => g.Id), gridsNode, $"{what}: grid");
        return new Site(id, Name(map, id), location ?? default, timeZone ?? DefaultTimeZone, grids);
    }

    private Grid? ReadGrid(YamlNode node)
    {
        var map = Mapping(node, "a grid", ["id", "name", "zones"], ["id", "zones"]);
        var id = Id(map, node, "grid");
        if (map is null || id is null)
        {
            return null;
        }

        var zones = map.TryGetValue("zones", out var zonesNode) ? ReadList(zonesNode, $"grid \"{id}\" zones", ReadZone) : [];
        Unique(zones.Select(z => z.Id), zonesNode, $"grid \"{id}\": zone");
        return new Grid(id, Name(map, id), zones);
    }

    private Zone? ReadZone(YamlNode node)
    {
        var map = Mapping(node, "a zone", ["id", "name", "devices"], ["id", "devices"]);
        var id = Id(map, node, "zone");
        if (map is null || id is null)
        {
            return null;
        }

        var devices = map.TryGetValue("devices", out var devicesNode) ? ReadList(devicesNode, $"zone \"{id}\" devices", ReadDevice) : [];
        return new Zone(id, Name(map, id), devices);
    }

    private Device? ReadDevice(YamlNode node)
    {
        var map = Mapping(node, "a device", ["id", "kind", "location", "credential", "tags"], ["id", "kind", "credential"]);
        var id = Id(map, node, "device");
        if (map is null || id is null)
        {
            return null;
        }

        var what = $"device \"{id}\"";
        if (_deviceIds.TryGetValue(id, out var first))
        {
            Problem(map["id"], $"{what} is registered twice (first at line {first.Start.Line}); device ids are unique across the registry");
        }
        else
        {
            _deviceIds[id] = map["id"];
        }

        var kind = Scalar(map["kind"], what + " kind");
        if (kind is not null && !_kinds.Contains(kind))
        {
            Problem(map["kind"], $"{what}: kind \"{kind}\" is not a registered kind ({string.Join(", ", _kinds)})");
        }

        var credential = Scalar(map["credential"], what + " credential");
        if (credential is not null && !DeviceCredentials.IsWellFormed(credential))
        {
            Problem(map["credential"], $"{what}: credential must be a \"$7$iterations$salt$hash\" PBKDF2-SHA512 hash (as mosquitto_passwd writes), never a plain secret");
        }

        var location = map.TryGetValue("location", out var locationNode) ? ReadLocation(locationNode, what) : null;
        var tags = map.TryGetValue("tags", out var tagsNode) ? ReadTags(tagsNode, what) : new Dictionary<string, string>();
        return new Device(id, kind ?? "", location, credential ?? "", tags);
    }

    private GeoPoint? ReadLocation(YamlNode node, string what)
    {
        var map = Mapping(node, what + " location", ["lat", "lon"], ["lat", "lon"]);
        if (map is null || !map.TryGetValue("lat", out var latNode) || !map.TryGetValue("lon", out var lonNode))
        {
            return null;
        }

        var lat = Number(latNode, what + " latitude", -90, 90);
        var lon = Number(lonNode, what + " longitude", -180, 180);
        return lat is null || lon is null ? null : new GeoPoint(lat.Value, lon.Value);
    }

    private Dictionary<string, string> ReadTags(YamlNode node, string what)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            Problem(node, $"{what}: tags must be a map of names to text");
            return tags;
        }

        foreach (var (key, value) in map.Children)
        {
            if (Scalar(key, what + " tag name") is { } name && Scalar(value, $"{what} tag \"{name}\"") is { } text)
            {
                tags[name] = text;
            }
        }

        return tags;
    }

    private List<T> ReadList<T>(YamlNode node, string what, Func<YamlNode, T?> read) where T : class =>
        [.. Sequence(node, what).Select(read).OfType<T>()];

    private IEnumerable<YamlNode> Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Problem(node, $"{what} must be a list");
        return [];
    }

    private Dictionary<string, YamlNode>? Mapping(YamlNode node, string what, string[] allowed, string[] required)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem(node, $"{what} must be a map with {string.Join(", ", required)}");
            return null;
        }

        var map = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Problem(keyNode, $"{what}: unknown key \"{key}\" (allowed: {string.Join(", ", allowed)})");
            }
            else
            {
                map[key] = value;
            }
        }

        foreach (var key in required.Where(k => !map.ContainsKey(k)))
        {
            Problem(node, $"{what}: \"{key}\" is required");
        }

        return map;
    }

    private string? Id(Dictionary<string, YamlNode>? map, YamlNode node, string what)
    {
        if (map is null || !map.TryGetValue("id", out var idNode))
        {
            return null;
        }

        var id = Scalar(idNode, what + " id");
        if (id is not null && !ContractNames.IsValidId(id))
        {
            Problem(idNode, $"{what} id \"{id}\" must match [A-Za-z0-9_-]{{1,64}}");
            return null;
        }

        return id;
    }

    private string Name(Dictionary<string, YamlNode> map, string id) =>
        map.TryGetValue("name", out var nameNode) ? Scalar(nameNode, $"\"{id}\" name") ?? id : id;

    private double? Number(YamlNode node, string what, double min, double max)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Problem(node, $"{what} must be a number from {min} to {max} (was \"{text}\")");
            return null;
        }

        return value;
    }

    private string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        Problem(node, $"{what} must be a non-empty value");
        return null;
    }

    private void Unique(IEnumerable<string> ids, YamlNode? node, string what)
    {
        foreach (var duplicate in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Problem(node!, $"{what} id \"{duplicate.Key}\" is used more than once");
        }
    }

    private void Problem(YamlNode node, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add($"{source}:{node.Start.Line}:{node.Start.Column}: {message}");
        }
    }
}
