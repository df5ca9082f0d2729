using System.Text.RegularExpressions;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Account management beyond the front end's contract: admins list and create accounts, change an account's access
/// (roles, grids, crew) and disable or enable it — effective at once for sessions and tokens already out
/// (<see cref="AccessCheck"/>); everyone changes their own password — the way out of the demo passwords that Production
/// refuses to start with. Every change is audited.
/// </summary>
internal static partial class AccountEndpoints
{
    public const int MinPasswordLength = 12;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts", ListAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts").WithSummary("Every account (admins only).");
        app.MapPost("/api/accounts", CreateAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts").WithSummary("Creates an account (admins only).");
        app.MapPut("/api/accounts/{username}/access", SetAccessAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts")
            .WithSummary("Replaces an account's roles, grids and crew (admins only); its sessions and tokens must sign in again.");
        app.MapPost("/api/accounts/{username}/disable", DisableAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts")
            .WithSummary("Disables an account (admins only): no sign-in, and its sessions and tokens stop working.");
        app.MapPost("/api/accounts/{username}/enable", EnableAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts")
            .WithSummary("Enables a disabled account again (admins only).");
        app.MapPost("/api/me/password", ChangePasswordAsync).RequireAuthorization(Policies.SignedIn).WithTags("Accounts")
            .WithSummary("Changes the signed-in account's password.");
        return app;
    }

    internal sealed record NewAccount(string? Username, string? DisplayName, string? Password, string[]? Roles, string[]? Grids, string? CrewId);

    internal sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    internal sealed record AccessChange(string[]? Roles, string[]? Grids, string? CrewId);

    private static async Task<IResult> ListAsync(IAccountStore accounts, CancellationToken cancellationToken) =>
        Results.Ok((await accounts.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => new
        {
            username = a.Username, displayName = a.DisplayName, roles = a.Roles, grids = a.Grids, crewId = a.CrewId, site = a.Site, createdAt = a.CreatedAt,
            disabledAt = a.DisabledAt,
        }));

    private static async Task<IResult> CreateAsync(
        HttpContext context, NewAccount? body, IAccountStore accounts, PasswordCheck passwords, AuditTrail audit, CommunityRegistry registry, TimeProvider time)
    {
        var errors = new QueryErrors();
        if (body?.Username is not { } username || !UsernamePattern().IsMatch(username))
        {
            errors.Add("username", "username must be 1-64 characters of a-z, 0-9, '.', '_' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(body?.DisplayName) || body.DisplayName.Length > 128)
        {
            errors.Add("displayName", "displayName is required (at most 128 characters).");
        }

        CheckNewPassword(body?.Password, "password", errors);
        var roles = body?.Roles ?? [];
        CheckAccess(roles, body?.Grids, body?.CrewId, registry, errors);
        if (errors.Any)
        {
            return errors.Result();
        }

        var account = new Account(body!.Username!, body.DisplayName!, passwords.Hash(body.Password!), roles, body.Grids ?? [], body.CrewId,
            registry.Sites.Count > 0 ? registry.Sites[0].Id : null, time.GetUtcNow());
        if (!await accounts.CreateAsync(account, context.RequestAborted).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Username taken.", detail: $"An account '{account.Username}' already exists.");
        }

        await audit.RecordAsync(context, AuditActions.AccountCreate, account.Username, $"roles {string.Join(",", roles)}").ConfigureAwait(false);
        return Results.Created($"/api/accounts/{account.Username}", new { username = account.Username });
    }

    private static async Task<IResult> SetAccessAsync(
        HttpContext context, string username, AccessChange? body, IAccountStore accounts, AccessCheck access, AuditTrail audit, CommunityRegistry registry)
    {
        var errors = new QueryErrors();
        var roles = body?.Roles ?? [];
        CheckAccess(roles, body?.Grids, body?.CrewId, registry, errors);
        if (errors.Any)
        {
            return errors.Result();
        }

        if (NotOnYourself(context, username) is { } refused)
        {
            return refused;
        }

        var grids = body!.Grids ?? [];
        var crewId = string.IsNullOrWhiteSpace(body.CrewId) ? null : body.CrewId;
        if (await accounts.SetAccessAsync(username, roles, grids, crewId, context.RequestAborted).ConfigureAwait(false) is not { } account)
        {
            return UnknownAccount(username);
        }

        access.Forget(username);
        await audit.RecordAsync(context, AuditActions.AccountAccessChange, username,
            $"roles {string.Join(",", roles)}; grids {(grids.Length == 0 ? "all" : string.Join(",", grids))}; crew {crewId ?? "none"}").ConfigureAwait(false);
        return Results.Ok(new { username = account.Username, roles = account.Roles, grids = account.Grids, crewId = account.CrewId });
    }

    private static Task<IResult> DisableAsync(HttpContext context, string username, IAccountStore accounts, AccessCheck access, AuditTrail audit, TimeProvider time) =>
        SetDisabledAsync(context, username, time.GetUtcNow(), AuditActions.AccountDisable, accounts, access, audit);

    private static Task<IResult> EnableAsync(HttpContext context, string username, IAccountStore accounts, AccessCheck access, AuditTrail audit) =>
        SetDisabledAsync(context, username, null, AuditActions.AccountEnable, accounts, access, audit);

    private static async Task<IResult> SetDisabledAsync(
        HttpContext context, string username, DateTimeOffset? disabledAt, string action, IAccountStore accounts, AccessCheck access, AuditTrail audit)
    {
        if (NotOnYourself(context, username) is { } refused)
        {
            return refused;
        }

        if (await accounts.SetDisabledAsync(username, disabledAt, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return UnknownAccount(username);
        }

        access.Forget(username);
        await audit.RecordAsync(context, action, username).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>An admin cannot lock themselves out: another admin changes their access.</summary>
    private static IResult? NotOnYourself(HttpContext context, string username) =>
        string.Equals(Caller.From(context.User).Username, username, StringComparison.Ordinal)
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not on your own account.",
                detail: "An admin cannot change their own access or disable themselves; ask another admin.")
            : null;

    private static IResult UnknownAccount(string username) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.", detail: $"There is no account '{username}'.");

    private static void CheckAccess(string[] roles, string[]? grids, string? crewId, CommunityRegistry registry, QueryErrors errors)
    {
        if (roles.Length == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add("roles", $"roles must name one or more of: {string.Join(", ", Roles.All)}.");
        }

        var known = registry.Sites.SelectMany(s => s.Grids).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var grid in (grids ?? []).Where(g => !known.Contains(g)))
        {
            errors.Add("grids", $"grid '{grid}' is not in the site registry (one of: {string.Join(", ", known)}).");
        }

        if (roles.Contains(Roles.Crew) && string.IsNullOrWhiteSpace(crewId))
        {
            errors.Add("crewId", "crewId is required for a crew account.");
        }
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, PasswordChange? body, IAccountStore accounts, PasswordCheck passwords, AuditTrail audit)
    {
        var caller = Caller.From(context.User);
        var errors = new QueryErrors();
        if (string.IsNullOrEmpty(body?.CurrentPassword))
        {
            errors.Add("currentPassword", "currentPassword is required.");
        }

        CheckNewPassword(body?.NewPassword, "newPassword", errors);
        if (DemoAccounts.All.Any(d => d.Password == body?.NewPassword))
        {
            errors.Add("newPassword", "newPassword is one of the public demo passwords.");
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        if (await passwords.VerifyAsync(caller.Username, body!.CurrentPassword!, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Wrong password.", detail: "currentPassword is not your password.");
        }

        await accounts.SetPasswordHashAsync(caller.Username, passwords.Hash(body.NewPassword!), context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, AuditActions.AccountPasswordChange, caller.Username).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static void CheckNewPassword(string? password, string field, QueryErrors errors)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength || password.Length > 256)
        {
            errors.Add(field, $"{field} must be {MinPasswordLength} to 256 characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex UsernamePattern();
}
