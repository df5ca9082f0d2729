using System.Text.RegularExpressions;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Account management beyond the front end's contract: admins list and create accounts; everyone changes their own
/// password — the way out of the demo passwords that Production refuses to start with.
/// </summary>
internal static partial class AccountEndpoints
{
    public const int MinPasswordLength = 12;

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts", ListAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts").WithSummary("Every account (admins only).");
        app.MapPost("/api/accounts", CreateAsync).RequireAuthorization(Policies.Admin).WithTags("Accounts").WithSummary("Creates an account (admins only).");
        app.MapPost("/api/me/password", ChangePasswordAsync).RequireAuthorization(Policies.SignedIn).WithTags("Accounts")
            .WithSummary("Changes the signed-in account's password.");
        return app;
    }

    internal sealed record NewAccount(string? Username, string? DisplayName, string? Password, string[]? Roles, string[]? Grids, string? CrewId);

    internal sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    private static async Task<IResult> ListAsync(IAccountStore accounts, CancellationToken cancellationToken) =>
        Results.Ok((await accounts.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => new
        {
            username = a.Username, displayName = a.DisplayName, roles = a.Roles, grids = a.Grids, crewId = a.CrewId, site = a.Site, createdAt = a.CreatedAt,
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
        if (roles.Length == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add("roles", $"roles must name one or more of: {string.Join(", ", Roles.All)}.");
        }

        var known = registry.Sites.SelectMany(s => s.Grids).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var grid in (body?.Grids ?? []).Where(g => !known.Contains(g)))
        {
            errors.Add("grids", $"grid '{grid}' is not in the site registry (one of: {string.Join(", ", known)}).");
        }

        if (roles.Contains(Roles.Crew) && string.IsNullOrWhiteSpace(body?.CrewId))
        {
            errors.Add("crewId", "crewId is required for a crew account.");
        }

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
