using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Issues bearer tokens for API clients: the account's claims sealed with ASP.NET Core data protection (encrypted and
/// signed, keys under the data folder), checked by the bearer-token handler, valid for <c>Dashboard:TokenLifetime</c>.
/// </summary>
internal sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> bearer, IOptions<DashboardOptions> options, TimeProvider time)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(Account account)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.TokenLifetime;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(Caller.Principal(account, BearerTokenDefaults.AuthenticationScheme), properties, BearerTokenDefaults.AuthenticationScheme);
        return (bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket), expiresAt);
    }
}
