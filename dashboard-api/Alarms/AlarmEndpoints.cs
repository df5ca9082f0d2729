using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.Registry;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Alarms;

internal static class AlarmEndpoints
{
    /// <summary>The audit action of an acknowledgement (beside the others in Audit/AuditRecord.cs).</summary>
    public const string AcknowledgeAction = "alarm.acknowledge";

    private static readonly string[] Acknowledgers = [Roles.Admin, Roles.Manager, Roles.Crew];

    /// <summary>How far back cleared alarms are listed when the request gives no <c>since</c>.</summary>
    private static readonly TimeSpan ClearedWindow = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapAlarmEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alarms").RequireAuthorization(Policies.SignedIn).WithTags("Alarms");
        group.MapGet("/", ListAsync).WithSummary(
            "Alarms in the caller's grids: current ones (most severe first, then oldest raise), cleared ones (most recent clear first), or both.");
        group.MapGet("/history", SubjectHistoryAsync).WithSummary("What happened to one device's (or zone's, grid's) alarms across all rules, newest first.");
        group.MapGet("/{id}", DetailAsync).WithSummary("One alarm (current or cleared) with its history.");
        group.MapPost("/{id}/acknowledge", AcknowledgeAsync).WithSummary("Marks an alarm as seen (managers and crews in its grid, admins).");
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, CurrentAlarms alarms, IAlarmStore store, AlarmViews views, CommunityRegistry registry, TimeProvider time,
        string? state, string? grid, string? severity, string? since, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var errors = new QueryErrors();
        state = string.IsNullOrEmpty(state) ? "active" : state;
        if (state is not ("active" or "cleared" or "all"))
        {
            errors.Add("state", $"state '{state}' is not one of: active, cleared, all.");
        }

        var clearedSince = errors.Time("since", since) ?? time.GetUtcNow() - ClearedWindow;
        HashSet<AlarmSeverity>? severities = null;
        foreach (var name in (severity ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (AlarmJson.TryParseSeverity(name, out var parsed))
            {
                (severities ??= []).Add(parsed);
            }
            else
            {
                errors.Add("severity", $"severity '{name}' is not one of: info, minor, major, critical.");
            }
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        if (Scope.UnknownPlace(registry, caller, grid, null) is { } notFound)
        {
            return notFound;
        }

        var query = new AlarmQuery { Grid = string.IsNullOrEmpty(grid) ? null : grid, Severities = severities };
        var result = new List<AlarmJson>();
        if (state != "cleared")
        {
            foreach (var alarm in (await alarms.ReadAsync(query, cancellationToken).ConfigureAwait(false)).Where(a => AlarmViews.Sees(caller, a.Location.Grid)))
            {
                result.Add(await views.ViewAsync(alarm, cancellationToken).ConfigureAwait(false));
            }
        }

        if (state != "active")
        {
            var cleared = await store.ListClearedAsync(query with { Take = AlarmQuery.MaxTake }, clearedSince, cancellationToken).ConfigureAwait(false);
            result.AddRange(cleared.Where(a => AlarmViews.Sees(caller, a.Location.Grid)).Select(a => AlarmJson.Of(a)));
        }

        return Results.Ok(result);
    }

    private static async Task<IResult> DetailAsync(HttpContext context, AlarmViews views, string id, CancellationToken cancellationToken)
    {
        if (await views.FindAsync(Caller.From(context.User), id, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NotFound(id);
        }

        return Results.Ok(found.Alarm with { History = [.. found.History.Select(AlarmHistoryJson.Of)] });
    }

    private static async Task<IResult> AcknowledgeAsync(
        HttpContext context, IAlarmStore store, AlarmViews views, AuditTrail audit, LiveUpdates live, string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var alarm = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (alarm is null || !AlarmViews.Sees(caller, alarm.Location.Grid))
        {
            // A cleared alarm needs no acknowledgement; it answers like an unknown one.
            return NotFound(id);
        }

        if (!Acknowledgers.Any(caller.Is))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.",
                detail: "Only managers and crews of the alarm's grid, and admins, acknowledge alarms.");
        }

        if (alarm.IsAcknowledged)
        {
            // The first acknowledgement stands; repeating it changes nothing and records nothing.
            return Results.Ok(await views.ViewAsync(alarm, cancellationToken).ConfigureAwait(false));
        }

        Alarm acknowledged;
        try
        {
            acknowledged = await store.AcknowledgeAsync(id, caller.Username, cancellationToken).ConfigureAwait(false);
        }
        catch (AlarmNotFoundException)
        {
            // Cleared between the read and the write.
            return NotFound(id);
        }

        await audit.RecordAsync(context, AcknowledgeAction, id, $"{alarm.RuleId}/{alarm.Subject}").ConfigureAwait(false);
        var view = await views.ViewAsync(acknowledged, cancellationToken).ConfigureAwait(false);
        live.Publish(new LiveEvent(LiveEvent.Alarm, view.Grid ?? "", view));
        return Results.Ok(view);
    }

    private static async Task<IResult> SubjectHistoryAsync(
        HttpContext context, IAlarmStore store, CommunityRegistry registry, string? subject, int? take, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = ["Give the device, zone or grid id whose alarm history you want."] });
        }

        if (take is < 1 or > 500)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["take"] = [$"take must be between 1 and 500, not {take}."] });
        }

        // The subject's grid decides who may read it; a subject outside the caller's grids answers like an unknown one.
        var grid = registry.TryFindDevice(subject, out var device)
            ? device.Grid.Id
            : registry.Sites.SelectMany(site => site.Grids).FirstOrDefault(g => g.Id == subject || g.Zones.Any(z => z.Id == subject))?.Id;
        if (grid is null || !AlarmViews.Sees(Caller.From(context.User), grid))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subject.",
                detail: $"'{subject}' is not a device, zone or grid you can see.");
        }

        var history = await store.GetSubjectHistoryAsync(subject, take ?? 100, cancellationToken).ConfigureAwait(false);
        return Results.Ok(history.Select(entry => AlarmHistoryJson.Of(entry)).Zip(history, (json, entry) => new
        {
            alarmId = entry.AlarmId, ruleId = entry.RuleId, json.At, json.Kind, json.Severity, json.Detail, json.Actor,
        }));
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alarm.", detail: $"Alarm '{id}' does not exist.");
}
