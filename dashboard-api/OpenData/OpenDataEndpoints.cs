using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.OpenData;

internal static class OpenDataEndpoints
{
    private const int MaxDays = 400;

    public static IEndpointRouteBuilder MapOpenDataEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open").AllowAnonymous().WithTags("Open data");
        group.MapGet("/parking", async (OpenDataService data, CancellationToken ct) => Results.Ok(await data.ParkingAsync(ct).ConfigureAwait(false)))
            .WithSummary("Free and occupied spaces per car-park zone now.");
        group.MapGet("/park-visitors", (OpenDataService data, string? days, CancellationToken ct) => DaysAsync(days, d => data.ParkVisitorsAsync(d, ct)))
            .WithSummary("Peak number of visitors present per park zone and day.");
        group.MapGet("/lighting-energy", (OpenDataService data, string? days, CancellationToken ct) => DaysAsync(days, d => data.LightingEnergyAsync(d, ct)))
            .WithSummary("Street-lighting energy per grid and day, kWh.");
        return app;
    }

    private static async Task<IResult> DaysAsync(string? days, Func<int, Task<object>> read)
    {
        var errors = new QueryErrors();
        var count = errors.Int("days", days, 1, MaxDays) ?? 30;
        return errors.Any ? errors.Result() : Results.Ok(await read(count).ConfigureAwait(false));
    }
}
