using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ParkCommunity.DashboardApi.Telemetry;

/// <summary>
/// The fields the device contract documents per kind (docs/device-contract.md), and which are booleans. Queries on the
/// contract's kinds are checked against them, so a typo is a 400 naming the field instead of an empty chart. Kinds a
/// registry adds under <c>kinds:</c> accept any well-formed field name.
/// </summary>
internal static partial class KnownFields
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, bool>> ByKind = new Dictionary<string, FrozenDictionary<string, bool>>
    {
        ["light"] = Fields(("power_w", false), ("dim_pct", false), ("on", true), ("lux", false), ("fault", true)),
        ["park"] = Fields(("soil_moisture_pct", false), ("pm25_ugm3", false), ("noise_db", false), ("visitors", false), ("irrigation_on", true)),
        ["parking"] = Fields(("occupied", true), ("ev_charging_kw", false), ("gate_open", true)),
        ["access"] = Fields(("door_open", true), ("entries", false), ("denied", false)),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The documented fields of <paramref name="kind"/>, or null for a kind the contract does not describe.</summary>
    public static IReadOnlyList<string>? Of(string kind) => ByKind.TryGetValue(kind, out var fields) ? [.. fields.Keys] : null;

    /// <summary>Null when the field is fine for the kind, else why not.</summary>
    public static string? Problem(string kind, string field)
    {
        if (!FieldName().IsMatch(field))
        {
            return $"field '{field}' is not a field name (a lower-case letter, then up to 63 of a-z, 0-9 or '_').";
        }

        return ByKind.TryGetValue(kind, out var fields) && !fields.ContainsKey(field)
            ? $"field '{field}' is not a field of kind '{kind}' (one of: {string.Join(", ", fields.Keys)})."
            : null;
    }

    public static bool IsBoolean(string kind, string field) => ByKind.TryGetValue(kind, out var fields) && fields.TryGetValue(field, out var boolean) && boolean;

    private static FrozenDictionary<string, bool> Fields(params (string Name, bool Boolean)[] fields) =>
        fields.ToFrozenDictionary(f => f.Name, f => f.Boolean, StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex FieldName();
}
