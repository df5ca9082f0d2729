using System.Globalization;
using System.Text.RegularExpressions;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Registry;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Telemetry;

/// <summary>The query parameters shared by the aggregate, raw and CSV endpoints, as they arrive.</summary>
internal sealed record TelemetryParameters(
    string? Kind, string? Field, string? Fn, string? Window, string? GroupBy, string? From, string? To, string? Grid, string? Zone, string? Device, string? Limit);

/// <summary>
/// Checks telemetry query parameters — every problem reported under its parameter's name — and applies the caller's
/// grid scope: a manager limited to one grid reads that grid; one limited to several must name one.
/// </summary>
internal static partial class TelemetryRequest
{
    public const int MaxWindows = 10_000;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    private static readonly Dictionary<string, AggregateFunction> Functions = new(StringComparer.Ordinal)
    {
        ["mean"] = AggregateFunction.Mean, ["min"] = AggregateFunction.Min, ["max"] = AggregateFunction.Max,
        ["sum"] = AggregateFunction.Sum, ["count"] = AggregateFunction.Count,
    };

    private static readonly Dictionary<string, GroupBy> Groupings = new(StringComparer.Ordinal)
    {
        ["device"] = TelemetryStore.Reading.GroupBy.Device, ["zone"] = TelemetryStore.Reading.GroupBy.Zone,
        ["grid"] = TelemetryStore.Reading.GroupBy.Grid, ["kind"] = TelemetryStore.Reading.GroupBy.Kind,
    };

    public static string NameOf(AggregateFunction function) => Functions.First(f => f.Value == function).Key;

    public static string NameOf(GroupBy groupBy) => Groupings.First(g => g.Value == groupBy).Key;

    /// <summary>An aggregate query, or the Problem Details to answer with.</summary>
    public static (AggregateQuery? Query, IResult? Problem) Aggregate(TelemetryParameters p, CommunityRegistry registry, Caller caller, DateTimeOffset now)
    {
        var errors = new QueryErrors();
        var kind = Kind(p.Kind, registry, errors, required: true);
        if (string.IsNullOrEmpty(p.Field))
        {
            errors.Add("field", "field is required: name the numeric field to aggregate, e.g. power_w.");
        }
        else if (kind is not null && KnownFields.Problem(kind, p.Field) is { } problem)
        {
            errors.Add("field", problem);
        }

        var function = AggregateFunction.Mean;
        if (!string.IsNullOrEmpty(p.Fn) && !Functions.TryGetValue(p.Fn, out function))
        {
            errors.Add("fn", $"fn '{p.Fn}' is not one of: {string.Join(", ", Functions.Keys)}.");
        }

        var groupBy = TelemetryStore.Reading.GroupBy.Kind;
        if (!string.IsNullOrEmpty(p.GroupBy) && !Groupings.TryGetValue(p.GroupBy, out groupBy))
        {
            errors.Add("groupBy", $"groupBy '{p.GroupBy}' is not one of: {string.Join(", ", Groupings.Keys)}.");
        }

        var window = Window(p.Window ?? "1h", errors);
        var (from, to) = errors.Range(p.From, p.To, now, TimeSpan.FromDays(1), MaxRange);
        if (window is { } w && !errors.Any && (to - from).Ticks / w.Ticks > MaxWindows)
        {
            errors.Add("window", string.Create(CultureInfo.InvariantCulture,
                $"window {p.Window ?? "1h"} splits {from:O}..{to:O} into {(to - from).Ticks / w.Ticks} windows; at most {MaxWindows} are allowed — choose a larger window or a shorter range."));
        }

        if (errors.Any)
        {
            return (null, errors.Result());
        }

        var (grid, zone, notFound) = Place(p, registry, caller);
        if (notFound is not null)
        {
            return (null, notFound);
        }

        return (new AggregateQuery(new SeriesFilter(Kind: kind, Grid: grid, Zone: zone), p.Field!, function, window!.Value, groupBy, new TimeRange(from, to)), null);
    }

    /// <summary>A raw read: filter, range and limit, or the Problem Details to answer with.</summary>
    public static (SeriesFilter? Filter, TimeRange Range, int Limit, IResult? Problem) Raw(
        TelemetryParameters p, CommunityRegistry registry, Caller caller, DateTimeOffset now, int defaultLimit, int maxLimit)
    {
        var errors = new QueryErrors();
        var kind = Kind(p.Kind, registry, errors, required: true);
        var (from, to) = errors.Range(p.From, p.To, now, TimeSpan.FromHours(1), MaxRange);
        var limit = errors.Int("limit", p.Limit, 1, maxLimit) ?? defaultLimit;
        if (kind is not null && !string.IsNullOrEmpty(p.Field) && KnownFields.Problem(kind, p.Field) is { } problem)
        {
            errors.Add("field", problem);
        }

        if (errors.Any)
        {
            return (null, default, 0, errors.Result());
        }

        var (grid, zone, notFound) = Place(p, registry, caller);
        if (notFound is not null)
        {
            return (null, default, 0, notFound);
        }

        IReadOnlyList<string>? devices = null;
        if (!string.IsNullOrEmpty(p.Device))
        {
            if (Scope.VisibleDevice(registry, caller, p.Device) is not { } device || device.Kind != kind)
            {
                return (null, default, 0, Scope.DeviceNotFound(p.Device));
            }

            devices = [device.Id];
        }

        return (new SeriesFilter(Kind: kind, Grid: grid, Zone: zone, Devices: devices), new TimeRange(from, to), limit, null);
    }

    private static string? Kind(string? kind, CommunityRegistry registry, QueryErrors errors, bool required)
    {
        if (string.IsNullOrEmpty(kind))
        {
            if (required)
            {
                errors.Add("kind", $"kind is required (one of: {string.Join(", ", registry.Kinds)}).");
            }

            return null;
        }

        if (!registry.Kinds.Contains(kind))
        {
            errors.Add("kind", $"kind '{kind}' is not a registered device kind (one of: {string.Join(", ", registry.Kinds)}).");
            return null;
        }

        return kind;
    }

    /// <summary>Parses <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>.</summary>
    private static TimeSpan? Window(string value, QueryErrors errors)
    {
        var match = WindowPattern().Match(value);
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount is > 0 and <= 1_000_000)
        {
            var window = match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
            if (window <= MaxRange)
            {
                return window;
            }
        }

        errors.Add("window", $"window '{value}' is not a duration such as 30s, 15m, 1h, 1d or 1w (at most {MaxRange.TotalDays:0} days).");
        return null;
    }

    private static (string? Grid, string? Zone, IResult? NotFound) Place(TelemetryParameters p, CommunityRegistry registry, Caller caller)
    {
        var grid = string.IsNullOrEmpty(p.Grid) ? null : p.Grid;
        var zone = string.IsNullOrEmpty(p.Zone) ? null : p.Zone;
        if (Scope.UnknownPlace(registry, caller, grid, zone) is { } notFound)
        {
            return (null, null, notFound);
        }

        if (grid is null && caller.Grids is { } scope)
        {
            var all = registry.Sites.SelectMany(s => s.Grids).Select(g => g.Id).ToList();
            var zoneGrid = zone is null ? null : registry.Sites.SelectMany(s => s.Grids).FirstOrDefault(g => g.Zones.Any(z => z.Id == zone))?.Id;
            if (zoneGrid is not null)
            {
                grid = zoneGrid;
            }
            else if (!all.All(scope.Contains))
            {
                if (scope.Count != 1)
                {
                    var errors = new QueryErrors();
                    errors.Add("grid", $"grid is required: you see grids {string.Join(", ", scope.Order(StringComparer.Ordinal))}; name one.");
                    return (null, null, errors.Result());
                }

                grid = scope.First();
            }
        }

        return (grid, zone, null);
    }

    [GeneratedRegex("^([0-9]{1,7})(ms|s|m|h|d|w)$")]
    private static partial Regex WindowPattern();
}
