using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.DashboardApi.Telemetry;

internal static class TelemetryEndpoints
{
    private const int MaxRawLimit = 10_000;
    private const long MaxRawExportPoints = 10_000_000;

    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/telemetry").RequireAuthorization(Policies.Telemetry).WithTags("Telemetry");
        group.MapGet("/aggregate", AggregateAsync).WithSummary("One field aggregated per window, grouped by device, zone, grid or kind.");
        group.MapGet("/raw", RawAsync).WithSummary("Stored points, oldest first.");
        group.MapGet("/export.csv", ExportAsync).WithSummary("The aggregate (or raw points with mode=raw) as CSV, streamed.");
        return app;
    }

    internal static IResult Refused(TelemetryQueryException ex)
    {
        var errors = new QueryErrors();
        errors.Add(ex.Parameter, ex.Message);
        return errors.Result();
    }

    private static TelemetryParameters Parameters(HttpRequest request)
    {
        var q = request.Query;
        return new TelemetryParameters(q["kind"], q["field"], q["fn"], q["window"], q["groupBy"], q["from"], q["to"], q["grid"], q["zone"], q["device"], q["limit"]);
    }

    private static async Task<IResult> AggregateAsync(HttpContext context, CommunityRegistry registry, ITelemetryReader reader, TimeProvider time)
    {
        var (query, problem) = TelemetryRequest.Aggregate(Parameters(context.Request), registry, Caller.From(context.User), time.GetUtcNow());
        if (query is null)
        {
            return problem!;
        }

        try
        {
            var rows = await new TelemetryAggregator(reader).AggregateAsync(query, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new
            {
                kind = query.Filter.Kind,
                field = query.Field,
                fn = TelemetryRequest.NameOf(query.Function),
                window = context.Request.Query["window"].FirstOrDefault() ?? "1h",
                groupBy = TelemetryRequest.NameOf(query.GroupBy),
                rows = rows.Select(r => new { group = r.Group, windowStart = r.WindowStart, value = r.Value }),
            });
        }
        catch (TelemetryQueryException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<IResult> RawAsync(HttpContext context, CommunityRegistry registry, ITelemetryReader reader, TimeProvider time)
    {
        var (filter, range, limit, problem) = TelemetryRequest.Raw(Parameters(context.Request), registry, Caller.From(context.User), time.GetUtcNow(), 1000, MaxRawLimit);
        if (filter is null)
        {
            return problem!;
        }

        var points = await reader.RangeAsync(filter, range, limit, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(points.Select(p => new { device = p.Device, zone = p.Zone, grid = p.Grid, timestamp = p.Timestamp, values = p.Values }));
    }

    private static async Task<IResult> ExportAsync(HttpContext context, CommunityRegistry registry, ITelemetryReader reader, TimeProvider time, string? mode)
    {
        var parameters = Parameters(context.Request);
        var caller = Caller.From(context.User);
        if (string.Equals(mode, "raw", StringComparison.Ordinal))
        {
            var (filter, range, _, problem) = TelemetryRequest.Raw(parameters, registry, caller, time.GetUtcNow(), 1, 1);
            if (filter is null)
            {
                return problem!;
            }

            IReadOnlyList<string> fields = string.IsNullOrEmpty(parameters.Field) ? KnownFields.Of(filter.Kind!) ?? [] : [parameters.Field];
            return await CsvExport.WriteAsync(context, $"{filter.Kind}-raw.csv", ["timestamp", "device", "grid", "zone", .. fields],
                CsvExport.RawRowsAsync(reader, filter, range, fields, MaxRawExportPoints, context.RequestAborted)).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(mode) && mode != "aggregate")
        {
            var errors = new QueryErrors();
            errors.Add("mode", $"mode '{mode}' is not one of: aggregate, raw.");
            return errors.Result();
        }

        var (query, aggregateProblem) = TelemetryRequest.Aggregate(parameters, registry, caller, time.GetUtcNow());
        if (query is null)
        {
            return aggregateProblem!;
        }

        return await CsvExport.WriteAsync(context, $"{query.Filter.Kind}-{query.Field}-{TelemetryRequest.NameOf(query.Function)}.csv", ["group", "windowStart", "value"],
            CsvExport.AggregateRowsAsync(new TelemetryAggregator(reader), query, context.RequestAborted)).ConfigureAwait(false);
    }
}
