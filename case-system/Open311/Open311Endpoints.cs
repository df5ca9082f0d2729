using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Open311;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), JSON format only, so existing city tools can file and
/// follow residents' reports. Needs <c>AddCaseSystem</c> with <c>CaseSystem:CrewsPath</c> set (reports are routed to a
/// crew like alarm orders). The host decides authentication and rate limiting for the group this returns.
/// </summary>
public static class Open311Endpoints
{
    public const string Actor = "open311";
    public const string Channel = "open311";

    public static RouteGroupBuilder MapOpen311(this IEndpointRouteBuilder endpoints, string prefix = "/open311/v2")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Fail at start-up, not at the first resident's report.
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<CaseSystemOptions>>().Value.CrewsPath is not { Length: > 0 })
        {
            throw new InvalidOperationException(
                $"MapOpen311 needs {CaseSystemOptions.Section}:{nameof(CaseSystemOptions.CrewsPath)}: residents' reports are routed to crews by the roster.");
        }

        var group = endpoints.MapGroup(prefix);
        group.MapGet("/services.json", () => Results.Json(Open311Services.All.Select(Open311Services.Describe).ToArray()));
        group.MapGet("/services/{code}.json", (string code) => WireNames.TryParse(code, out WorkOrderCategory category)
            ? Results.Json(Open311Services.Definition(category))
            : Error(StatusCodes.Status404NotFound, $"service_code '{code}' is not a service of this endpoint"));
        group.MapPost("/requests.json", CreateAsync).DisableAntiforgery();
        group.MapGet("/requests/{id}.json", GetAsync);
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "the body must be application/x-www-form-urlencoded, as GeoReport v2 POST requests says");
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<CaseSystemOptions>>().Value.Open311;
        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (Open311ReportForm.Read(form, options, services.GetRequiredService<CrewRoster>(), problems) is not { } report)
        {
            return Errors(StatusCodes.Status400BadRequest, problems);
        }

        var intake = services.GetRequiredService<WorkOrderIntake>();
        var store = services.GetRequiredService<IWorkOrderStore>();
        OpenedWorkOrder opened;
        try
        {
            opened = await intake.OpenForReportAsync(
                new NewWorkOrder(report.Title, report.Category, options.Priority, report.Location, Actor),
                new ResidentReport(Channel, report.CallbackContact),
                cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidWorkOrderException exception)
        {
            return Errors(StatusCodes.Status400BadRequest, exception.Problems);
        }

        if (report.Details is { } details)
        {
            await store.AddCommentAsync(opened.Order.Id, details, Actor, cancellationToken).ConfigureAwait(false);
        }

        var order = opened.Order;
        var notice = order.Assignee?.CrewId is { } crew
            ? $"Received and passed to {crew}; expected to be dealt with by {Open311Time.Format(order.SlaDueAt)}."
            : $"Received; a dispatcher will assign it. Expected to be dealt with by {Open311Time.Format(order.SlaDueAt)}.";
        var location = $"{request.PathBase}{PrefixOf(request.Path)}/requests/{order.Id}.json";
        return new WithLocation(Results.Json(new[] { new RequestCreatedJson(order.Id, notice) }, statusCode: StatusCodes.Status201Created), location);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<IWorkOrderStore>();
        var options = services.GetRequiredService<IOptions<CaseSystemOptions>>().Value.Open311;
        // Only residents' reports are service requests; alarm orders are internal and not visible here.
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { Source: ResidentReport } order)
        {
            return Error(StatusCodes.Status404NotFound, $"service_request_id '{id}' was not found");
        }

        return Results.Json(new[]
        {
            new ServiceRequestJson(
                order.Id,
                WorkOrderTransitions.IsActive(order.Status) ? "open" : "closed",
                StatusNotes: WireNames.Of(order.Status),
                Open311Services.NameOf(order.Category),
                WireNames.Of(order.Category),
                Description: order.Title,
                AgencyResponsible: order.Assignee?.CrewId ?? options.AgencyName,
                ServiceNotice: null,
                Open311Time.Format(order.CreatedAt),
                Open311Time.Format(order.UpdatedAt),
                WorkOrderTransitions.IsActive(order.Status) ? Open311Time.Format(order.SlaDueAt) : null,
                Address: null, AddressId: null, Zipcode: null, Lat: null, Long: null, MediaUrl: null),
        });
    }

    private static string PrefixOf(PathString path)
    {
        var value = path.Value ?? "";
        var cut = value.LastIndexOf("/requests.json", StringComparison.Ordinal);
        return cut < 0 ? "" : value[..cut];
    }

    private static IResult Error(int status, string description) => Errors(status, [description]);

    /// <summary>The GeoReport v2 error shape: a list of <c>{code, description}</c>, one per problem.</summary>
    private static IResult Errors(int status, IEnumerable<string> descriptions) =>
        Results.Json(descriptions.Select(d => new ErrorJson(status, d)).ToArray(), statusCode: status);

    /// <summary>Adds a Location header to another result.</summary>
    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
