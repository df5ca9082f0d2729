using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Registry;

/// <summary>
/// Grid scoping of registry lookups. Something outside the caller's grids answers exactly like something that does
/// not exist (404), so scope never reveals what exists elsewhere.
/// </summary>
internal static class Scope
{
    public static RegisteredDevice? VisibleDevice(CommunityRegistry registry, Caller caller, string id) =>
        registry.TryFindDevice(id, out var device) && caller.Sees(device.Grid.Id) ? device : null;

    public static IResult DeviceNotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such device.", detail: $"Device '{id}' does not exist.");

    /// <summary>A 404 when a grid or zone filter names nothing the caller can see; null when both are fine.</summary>
    public static IResult? UnknownPlace(CommunityRegistry registry, Caller caller, string? grid, string? zone)
    {
        var grids = registry.Sites.SelectMany(s => s.Grids).Where(g => caller.Sees(g.Id)).ToList();
        if (!string.IsNullOrEmpty(grid) && !grids.Any(g => g.Id == grid))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such grid.", detail: $"Grid '{grid}' does not exist.");
        }

        if (!string.IsNullOrEmpty(zone) && !grids.Where(g => string.IsNullOrEmpty(grid) || g.Id == grid).SelectMany(g => g.Zones).Any(z => z.Id == zone))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such zone.",
                detail: string.IsNullOrEmpty(grid) ? $"Zone '{zone}' does not exist." : $"Zone '{zone}' does not exist in grid '{grid}'.");
        }

        return null;
    }
}
