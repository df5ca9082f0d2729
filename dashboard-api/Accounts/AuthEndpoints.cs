using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Accounts;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(AuthenticationSetup.SignInRateLimit);
        auth.MapPost("/sign-in", SignInAsync).WithSummary("Signs in with a password and sets the auth cookie (web).");
        auth.MapPost("/token", TokenAsync).WithSummary("Issues a bearer token for API clients.");
        app.MapPost("/api/auth/sign-out", (Delegate)SignOutAsync).WithTags("Accounts").WithSummary("Signs out (clears the auth cookie).");
        app.MapGet("/api/me", Me).RequireAuthorization(Policies.SignedIn).WithTags("Accounts").WithSummary("The signed-in account.");
        return app;
    }

    private const string LogCategory = "ParkCommunity.DashboardApi.Accounts.SignIn";

    internal sealed record Credentials(string? Username, string? Password);

    private static async Task<IResult> SignInAsync(Credentials? body, HttpContext context, PasswordCheck passwords, AuditTrail audit, CommunityRegistry registry, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var (account, failure) = await VerifyAsync(body, context, passwords, audit, logger).ConfigureAwait(false);
        if (account is null)
        {
            return failure!;
        }

        var principal = Caller.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        await audit.RecordAsync(context, AuditActions.SignIn, account.Username, "cookie", account.Username).ConfigureAwait(false);
        logger.SignedIn(account.Username);
        return Results.Ok(MeOf(Caller.From(principal), registry));
    }

    private static async Task<IResult> TokenAsync(Credentials? body, HttpContext context, PasswordCheck passwords, AuditTrail audit, TokenIssuer tokens, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var (account, failure) = await VerifyAsync(body, context, passwords, audit, logger).ConfigureAwait(false);
        if (account is null)
        {
            return failure!;
        }

        var (token, expiresAt) = tokens.Issue(account);
        await audit.RecordAsync(context, AuditActions.SignIn, account.Username, "bearer token", account.Username).ConfigureAwait(false);
        logger.SignedIn(account.Username);
        return Results.Ok(new { accessToken = token, tokenType = "Bearer", expiresAt });
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static IResult Me(HttpContext context, CommunityRegistry registry) => Results.Ok(MeOf(Caller.From(context.User), registry));

    private static object MeOf(Caller caller, CommunityRegistry registry) => new
    {
        username = caller.Username,
        displayName = caller.DisplayName,
        roles = caller.Roles.Order(StringComparer.Ordinal).ToArray(),
        grids = caller.VisibleGrids(registry),
        crewId = caller.CrewId,
        site = caller.Site ?? (registry.Sites.Count > 0 ? registry.Sites[0].Id : null),
    };

    private static async Task<(Account? Account, IResult? Failure)> VerifyAsync(
        Credentials? body, HttpContext context, PasswordCheck passwords, AuditTrail audit, ILogger logger)
    {
        var errors = new QueryErrors();
        if (string.IsNullOrWhiteSpace(body?.Username))
        {
            errors.Add("username", "username is required.");
        }

        if (string.IsNullOrEmpty(body?.Password))
        {
            errors.Add("password", "password is required.");
        }

        if (errors.Any)
        {
            return (null, errors.Result());
        }

        var account = await passwords.VerifyAsync(body!.Username!, body.Password!, context.RequestAborted).ConfigureAwait(false);
        if (account is not null)
        {
            return (account, null);
        }

        // The failed name is recorded as the target, not the actor: nobody proved to be that person.
        await audit.RecordAsync(context, AuditActions.SignInFailed, body.Username!, null, "anonymous").ConfigureAwait(false);
        logger.SignInFailed(body.Username!, context.Connection.RemoteIpAddress?.ToString() ?? "(local)");
        return (null, Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: "Unknown username or wrong password."));
    }
}
