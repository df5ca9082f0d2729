using ParkCommunity.DashboardApi.Accounts;

namespace ParkCommunity.DashboardApi.Audit;

/// <summary>Records an action of the current request's caller, with the time and the client address.</summary>
internal sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public Task RecordAsync(HttpContext context, string action, string target, string? detail = null, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var who = actor ?? (context.User.Identity?.IsAuthenticated == true ? Caller.From(context.User).Username : "anonymous");
        return log.AppendAsync(
            new AuditRecord(time.GetUtcNow(), who, action, target, detail, context.Connection.RemoteIpAddress?.ToString()),
            context.RequestAborted);
    }
}
