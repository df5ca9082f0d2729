using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.Registry;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.WorkOrders;

internal static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/work-orders").RequireAuthorization(Policies.WorkOrdersRead).WithTags("Work orders");
        group.MapGet("/", ListAsync).WithSummary("Work orders in the caller's grids, oldest first.");
        group.MapGet("/{id}", DetailAsync).WithSummary("One work order with its timeline.");
        group.MapPost("/{id}/assign", AssignAsync).WithSummary("Assigns (or a crew accepts) a work order.");
        group.MapPost("/{id}/transitions", TransitionAsync).WithSummary("Moves a work order along its state machine.");
        group.MapPost("/{id}/comments", CommentAsync).WithSummary("Adds a comment to the timeline.");
        app.MapGet("/api/analytics/work-orders", WorkOrderAnalytics.ReadAsync).RequireAuthorization(Policies.Analytics).WithTags("Work orders")
            .WithSummary("Work orders by category, grid and month; time to resolve; SLA compliance.");
        return app;
    }

    internal sealed record AssignBody(string? CrewId, int? ExpectedVersion);

    internal sealed record TransitionBody(string? To, string? Comment, int? ExpectedVersion);

    internal sealed record CommentBody(string? Text);

    private static async Task<IResult> ListAsync(
        HttpContext context, IWorkOrderStore store, CommunityRegistry registry, TimeProvider time,
        string? status, string? grid, string? category, string? assignee, string? overdue, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var errors = new QueryErrors();
        HashSet<WorkOrderStatus>? statuses = null;
        foreach (var name in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (WireNames.TryParse(name, out WorkOrderStatus parsed))
            {
                (statuses ??= []).Add(parsed);
            }
            else
            {
                errors.Add("status", $"status '{name}' is not one of: open, assigned, in_progress, resolved, closed, cancelled.");
            }
        }

        WorkOrderCategory? categoryFilter = null;
        if (!string.IsNullOrEmpty(category))
        {
            if (WireNames.TryParse(category, out WorkOrderCategory parsed))
            {
                categoryFilter = parsed;
            }
            else
            {
                errors.Add("category", $"category '{category}' is not one of: {string.Join(", ", WireNames.AllCategories)}.");
            }
        }

        var crew = assignee;
        if (assignee == "me")
        {
            crew = caller.CrewId;
            if (crew is null)
            {
                errors.Add("assignee", "assignee=me needs a crew account; name a crew id instead.");
            }
        }

        var overdueOnly = errors.Bool("overdue", overdue) ?? false;
        if (errors.Any)
        {
            return errors.Result();
        }

        if (Scope.UnknownPlace(registry, caller, grid, null) is { } notFound)
        {
            return notFound;
        }

        var now = time.GetUtcNow();
        IReadOnlySet<string>? grids = string.IsNullOrEmpty(grid) ? caller.Grids : new HashSet<string>(StringComparer.Ordinal) { grid };
        var orders = await store.ListAsync(new WorkOrderQuery
        {
            Statuses = statuses,
            Grids = grids,
            Category = categoryFilter,
            AssigneeCrewId = string.IsNullOrEmpty(crew) ? null : crew,
            OverdueAt = overdueOnly ? now : null,
            Take = WorkOrderQuery.MaxTake,
        }, cancellationToken).ConfigureAwait(false);
        return Results.Ok(orders.Select(o => WorkOrderJson.Of(o, now)));
    }

    private static async Task<IResult> DetailAsync(HttpContext context, IWorkOrderStore store, AuditTrail audit, TimeProvider time, string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (await VisibleAsync(store, caller, id, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            return NotFound(id);
        }

        var timeline = await store.GetTimelineAsync(id, cancellationToken).ConfigureAwait(false);
        var withContact = order.Source is ResidentReport { CallbackContact: not null } && WorkOrderAccess.MayReadContact(caller, order);
        if (withContact)
        {
            await audit.RecordAsync(context, AuditActions.PersonalDataRead, order.Id, "resident call-back contact").ConfigureAwait(false);
        }

        return Results.Ok(WorkOrderJson.Detail(order, timeline, time.GetUtcNow(), withContact));
    }

    private static async Task<IResult> AssignAsync(
        HttpContext context, IWorkOrderStore store, AuditTrail audit, LiveUpdates live, TimeProvider time, string id, AssignBody? body, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (await VisibleAsync(store, caller, id, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            return NotFound(id);
        }

        if (string.IsNullOrWhiteSpace(body?.CrewId))
        {
            var errors = new QueryErrors();
            errors.Add("crewId", "crewId is required: the crew to assign the work order to.");
            return errors.Result();
        }

        if (WorkOrderAccess.RefuseAssign(caller, order, body.CrewId) is { } refusal)
        {
            return Forbidden(refusal);
        }

        if (!WorkOrderTransitions.IsAllowed(order.Status, WorkOrderStatus.Assigned))
        {
            return Conflict(order, WorkOrderStatus.Assigned);
        }

        var updated = await store.AssignAsync(id, new Assignee(body.CrewId), caller.Username, body.ExpectedVersion, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, AuditActions.WorkOrderAssign, id, $"assigned to {body.CrewId}").ConfigureAwait(false);
        return Changed(updated, live, time);
    }

    private static async Task<IResult> TransitionAsync(
        HttpContext context, IWorkOrderStore store, AuditTrail audit, LiveUpdates live, TimeProvider time, string id, TransitionBody? body, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (await VisibleAsync(store, caller, id, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            return NotFound(id);
        }

        var errors = new QueryErrors();
        WorkOrderStatus target = default;
        if (string.IsNullOrWhiteSpace(body?.To))
        {
            errors.Add("to", "to is required: the status to move to, e.g. in_progress.");
        }
        else if (!WireNames.TryParse(body.To, out target))
        {
            errors.Add("to", $"to '{body.To}' is not one of: open, assigned, in_progress, resolved, closed, cancelled.");
        }
        else if (target == WorkOrderStatus.Assigned)
        {
            errors.Add("to", $"Use POST /api/work-orders/{id}/assign to assign a work order.");
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        if (WorkOrderAccess.RefuseTransition(caller, order, target) is { } refusal)
        {
            return Forbidden(refusal);
        }

        if (!WorkOrderTransitions.IsAllowed(order.Status, target))
        {
            return Conflict(order, target);
        }

        var comment = string.IsNullOrWhiteSpace(body!.Comment) ? null : body.Comment;
        var updated = await store.TransitionAsync(id, target, caller.Username, comment, body.ExpectedVersion, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, AuditActions.WorkOrderTransition, id, $"{WireNames.Of(order.Status)} → {WireNames.Of(target)}").ConfigureAwait(false);
        return Changed(updated, live, time);
    }

    private static async Task<IResult> CommentAsync(
        HttpContext context, IWorkOrderStore store, AuditTrail audit, string id, CommentBody? body, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        if (await VisibleAsync(store, caller, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        if (WorkOrderAccess.RefuseComment(caller) is { } refusal)
        {
            return Forbidden(refusal);
        }

        var errors = new QueryErrors();
        if (string.IsNullOrWhiteSpace(body?.Text))
        {
            errors.Add("text", "text is required: the comment to add.");
        }
        else if (body.Text.Length > 4000)
        {
            errors.Add("text", $"text is {body.Text.Length} characters; at most 4000.");
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        var entry = await store.AddCommentAsync(id, body!.Text!, caller.Username, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, AuditActions.WorkOrderComment, id).ConfigureAwait(false);
        return Results.Ok(new { at = entry.At, kind = WireNames.Of(entry.Kind), actor = entry.Actor, text = entry.Text });
    }

    private static async Task<WorkOrder?> VisibleAsync(IWorkOrderStore store, Caller caller, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } order && WorkOrderAccess.CanSee(caller, order) ? order : null;

    private static IResult Changed(WorkOrder updated, LiveUpdates live, TimeProvider time)
    {
        var json = WorkOrderJson.Of(updated, time.GetUtcNow());
        live.Publish(new LiveEvent(LiveEvent.WorkOrder, updated.Location.Grid, json));
        return Results.Ok(json);
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such work order.", detail: $"Work order '{id}' does not exist.");

    private static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);

    private static IResult Conflict(WorkOrder order, WorkOrderStatus target) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Illegal work-order transition.",
            detail: $"Work order {order.Id} cannot move from {WireNames.Of(order.Status)} to {WireNames.Of(target)}.",
            extensions: new Dictionary<string, object?> { ["from"] = WireNames.Of(order.Status), ["to"] = WireNames.Of(target) });
}
