using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.Audit;

internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ReadAsync).RequireAuthorization(Policies.Audit).WithTags("Audit")
            .WithSummary("The audit log, newest first (auditors only).");
        return app;
    }

    private static async Task<IResult> ReadAsync(
        IAuditLog log, string? from, string? to, string? actor, string? action, string? limit, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var fromAt = errors.Time("from", from);
        var toAt = errors.Time("to", to);
        var take = errors.Int("limit", limit, 1, AuditQuery.MaxLimit) ?? 100;
        if (fromAt is { } f && toAt is { } t && t <= f)
        {
            errors.Add("to", $"to ({t:O}) must be after from ({f:O}).");
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        var records = await log.QueryAsync(new AuditQuery(fromAt, toAt, Blank(actor), Blank(action), take), cancellationToken).ConfigureAwait(false);
        return Results.Ok(records.Select(r => new { at = r.At, actor = r.Actor, action = r.Action, target = r.Target, detail = r.Detail, ip = r.Ip }));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
