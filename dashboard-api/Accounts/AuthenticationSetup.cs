using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Cookie sign-in for the web dashboard and bearer tokens for API clients, behind one default scheme that picks by
/// the Authorization header. Neither redirects: an API answers 401/403, which status-code pages turn into Problem Details.
/// </summary>
internal static class AuthenticationSetup
{
    public const string SmartScheme = "cookie-or-bearer";
    public const string SignInRateLimit = "sign-in";

    /// <summary>Residents' reports (Open311) need no account, so they are limited per address instead.</summary>
    public const string ResidentReportRateLimit = "resident-reports";

    public const int ResidentReportPermitsPerMinute = 30;

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, DashboardOptions settings)
    {
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<PasswordCheck>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccessCheck>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "pc.auth";
                o.Cookie.HttpOnly = true;
                // Strict keeps other sites from riding the cookie on POSTs (no CSRF token needed for this JSON API).
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<DashboardOptions>>((o, d) => o.ExpireTimeSpan = d.Value.TokenLifetime);
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<DashboardOptions>>((o, d) => o.BearerTokenExpiration = d.Value.TokenLifetime);
        services.AddAuthorization(Policies.Add);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(ResidentReportRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = ResidentReportPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, cancellationToken) => new ValueTask((context.HttpContext.Request.Path.StartsWithSegments("/open311")
                    ? Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                        detail: $"At most {ResidentReportPermitsPerMinute} report requests per minute from one address; wait a minute.")
                    : Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts.",
                        detail: $"At most {settings.SignInPermitsPerMinute} sign-in attempts per minute from one address; wait a minute."))
                .ExecuteAsync(context.HttpContext));
        });
        return services;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
