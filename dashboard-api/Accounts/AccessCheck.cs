using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Holds every signed-in request to the account as it is now: a cookie or token issued before the account's access
/// changed (roles, grids, crew, disabling — <see cref="Account.AccessVersion"/>), or of a disabled or unknown account,
/// gets 401 and has to sign in again. Accounts are re-read at most every <see cref="MaxAge"/>, and at once on the node
/// that made the change (<see cref="Forget"/>), so another dashboard node notices within that time.
/// </summary>
internal sealed class AccessCheck(IAccountStore accounts, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string? Version, long ReadAt)> _current = new(StringComparer.Ordinal);

    /// <summary>After an access change on this node: the next request of that account reads it afresh.</summary>
    public void Forget(string username) => _current.TryRemove(username, out _);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { } username }
            && context.User.FindFirst(Caller.AccessVersionClaim)?.Value != await CurrentVersionAsync(username, context.RequestAborted).ConfigureAwait(false))
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            }

            await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized, title: "Sign in again.",
                    detail: "This account's access has changed, or it was disabled, since you signed in.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The access version a valid credential must carry now; null when the account is unknown or disabled.</summary>
    private async Task<string?> CurrentVersionAsync(string username, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue(username, out var known) && time.GetElapsedTime(known.ReadAt) < MaxAge)
        {
            return known.Version;
        }

        var account = await accounts.FindAsync(username, cancellationToken).ConfigureAwait(false);
        var version = account is { IsDisabled: false } ? account.AccessVersion.ToString(CultureInfo.InvariantCulture) : null;
        _current[username] = (version, time.GetTimestamp());
        return version;
    }
}
