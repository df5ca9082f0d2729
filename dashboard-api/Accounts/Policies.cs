using Microsoft.AspNetCore.Authorization;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>The authorization policies, one per kind of access; endpoints name them instead of role lists.</summary>
internal static class Policies
{
    public const string SignedIn = "signed-in";
    public const string Telemetry = "telemetry";
    public const string WorkOrdersRead = "work-orders.read";
    public const string Analytics = "analytics";
    public const string Audit = "audit";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Telemetry, p => p.RequireRole(Roles.Admin, Roles.Planner, Roles.Manager));
        options.AddPolicy(WorkOrdersRead, p => p.RequireRole(Roles.All));
        options.AddPolicy(Analytics, p => p.RequireRole(Roles.Admin, Roles.Planner, Roles.Manager));
        // Only auditors read the audit log: an admin who could read it could also learn what to hide.
        options.AddPolicy(Audit, p => p.RequireRole(Roles.Auditor));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }
}
