using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Alarms;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Registry;

internal static class RegistryEndpoints
{
    private const int MaxReadings = 10_000;

    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Policies.SignedIn).WithTags("Registry");
        group.MapGet("/sites", Sites).WithSummary("Sites with the grids and zones the caller sees.");
        group.MapGet("/devices", DevicesAsync).WithSummary("Devices with status, last seen and latest values.");
        group.MapGet("/devices/{id}", DeviceAsync).WithSummary("One device.");
        group.MapGet("/devices/{id}/readings", ReadingsAsync).WithSummary("A device's readings in a time range, oldest first.");
        group.MapGet("/status/summary", SummaryAsync).WithSummary("Online/offline/unknown/alarmed counts per grid, zone and kind.");
        return app;
    }

    private static IResult Sites(HttpContext context, CommunityRegistry registry)
    {
        var caller = Caller.From(context.User);
        return Results.Ok(registry.Sites.Select(site => new
        {
            id = site.Id,
            name = site.Name,
            timezone = site.TimeZone,
            location = DeviceJson.Location(site.Location),
            grids = site.Grids.Where(g => caller.Sees(g.Id)).Select(grid => new
            {
                id = grid.Id,
                name = grid.Name,
                zones = grid.Zones.Select(zone => new { id = zone.Id, name = zone.Name, deviceCount = zone.Devices.Count }),
            }),
        }));
    }

    private static async Task<IResult> DevicesAsync(
        HttpContext context, CommunityRegistry registry, DeviceStatusReader statuses, string? grid, string? zone, string? kind, string? status,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var errors = new QueryErrors();
        if (kind is { Length: > 0 } && !registry.Kinds.Contains(kind))
        {
            errors.Add("kind", $"kind '{kind}' is not a registered device kind (one of: {string.Join(", ", registry.Kinds)}).");
        }

        if (status is { Length: > 0 } && !DeviceStatusReader.Statuses.Contains(status))
        {
            errors.Add("status", $"status '{status}' is not one of: {string.Join(", ", DeviceStatusReader.Statuses)}.");
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        if (Scope.UnknownPlace(registry, caller, grid, zone) is { } notFound)
        {
            return notFound;
        }

        var snapshots = await statuses.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(registry.Devices
            .Where(d => caller.Sees(d.Grid.Id) && Matches(grid, d.Grid.Id) && Matches(zone, d.Zone.Id) && Matches(kind, d.Kind))
            .Select(d => snapshots[d.Id])
            .Where(s => Matches(status, s.Status))
            .Select(DeviceJson.Of));
    }

    private static async Task<IResult> DeviceAsync(HttpContext context, CommunityRegistry registry, DeviceStatusReader statuses, string id, CancellationToken cancellationToken)
    {
        if (Scope.VisibleDevice(registry, Caller.From(context.User), id) is not { } device)
        {
            return Scope.DeviceNotFound(id);
        }

        var snapshots = await statuses.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(DeviceJson.Of(snapshots[device.Id]));
    }

    private static async Task<IResult> ReadingsAsync(
        HttpContext context, CommunityRegistry registry, ITelemetryReader reader, TimeProvider time, string id, string? from, string? to, string? limit,
        CancellationToken cancellationToken)
    {
        if (Scope.VisibleDevice(registry, Caller.From(context.User), id) is not { } device)
        {
            return Scope.DeviceNotFound(id);
        }

        var errors = new QueryErrors();
        var (start, end) = errors.Range(from, to, time.GetUtcNow(), TimeSpan.FromHours(6), TimeSpan.FromDays(400));
        var take = errors.Int("limit", limit, 1, MaxReadings) ?? 1000;
        if (errors.Any)
        {
            return errors.Result();
        }

        var points = await reader.RangeAsync(new SeriesFilter(Kind: device.Kind, Devices: [device.Id]), new TimeRange(start, end), take, cancellationToken)
            .ConfigureAwait(false);
        return Results.Ok(points.Select(p => new { timestamp = p.Timestamp, values = p.Values }));
    }

    private static async Task<IResult> SummaryAsync(
        HttpContext context, CommunityRegistry registry, DeviceStatusReader statuses, IActiveAlarms alarms, IWorkOrderStore workOrders, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var snapshots = await statuses.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (alarmed, activeAlarms) = await alarms.ReadAsync(cancellationToken).ConfigureAwait(false);
        var overdue = await workOrders.ListAsync(
            new WorkOrderQuery { OverdueAt = time.GetUtcNow(), Grids = caller.Grids, Take = WorkOrderQuery.MaxTake }, cancellationToken).ConfigureAwait(false);
        var grids = registry.Sites.SelectMany(s => s.Grids).Where(g => caller.Sees(g.Id)).Select(grid => new
        {
            grid = grid.Id,
            name = grid.Name,
            zones = grid.Zones.Select(zone => new
            {
                zone = zone.Id,
                name = zone.Name,
                kinds = zone.Devices.GroupBy(d => d.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(kind => new
                {
                    kind = kind.Key,
                    online = kind.Count(d => snapshots[d.Id].Status == DeviceStatusReader.Online),
                    offline = kind.Count(d => snapshots[d.Id].Status == DeviceStatusReader.Offline),
                    unknown = kind.Count(d => snapshots[d.Id].Status == DeviceStatusReader.Unknown),
                    alarmed = kind.Count(d => alarmed.Contains(d.Id)),
                }),
            }),
        });
        return Results.Ok(new { grids, activeAlarms, overdueWorkOrders = overdue.Count });
    }

    private static bool Matches(string? filter, string value) => string.IsNullOrEmpty(filter) || string.Equals(filter, value, StringComparison.Ordinal);
}
