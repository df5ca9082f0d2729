using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.DashboardApi.Hosting;

/// <summary>
/// Turns exceptions into Problem Details: a malformed body names what was wrong with it (400), a state-machine or
/// version conflict names the order (409), anything else is a 500 whose details stay in the log.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", json.Message),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", bad.Message),
            InvalidWorkOrderTransitionException or WorkOrderConcurrencyException =>
                (StatusCodes.Status409Conflict, "The work order changed or cannot make this move.", exception.Message),
            InvalidWorkOrderException invalid => (StatusCodes.Status400BadRequest, "The work order change is not valid.", invalid.Message),
            WorkOrderNotFoundException missing => (StatusCodes.Status404NotFound, "No such work order.", missing.Message),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.", "The error was logged; tell the operator the time it happened."),
        };
        if (status >= 500)
        {
            logger.UnhandledError(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
