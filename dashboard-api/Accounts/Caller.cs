using System.Globalization;
using System.Security.Claims;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// Who is calling and what they may see, read from their claims: roles, grid scope (null = every grid) and crew.
/// </summary>
internal sealed class Caller
{
    public const string GridClaim = "pc:grid";
    public const string CrewClaim = "pc:crew";
    public const string SiteClaim = "pc:site";
    public const string DisplayNameClaim = "pc:display-name";

    /// <summary>The account's <see cref="Account.AccessVersion"/> when the session or token was issued.</summary>
    public const string AccessVersionClaim = "pc:access";

    private Caller(string username, string displayName, IReadOnlySet<string> roles, IReadOnlySet<string>? grids, string? crewId, string? site)
    {
        Username = username;
        DisplayName = displayName;
        Roles = roles;
        Grids = grids;
        CrewId = crewId;
        Site = site;
    }

    public string Username { get; }

    public string DisplayName { get; }

    public IReadOnlySet<string> Roles { get; }

    /// <summary>The grids the caller is limited to; null when they see every grid.</summary>
    public IReadOnlySet<string>? Grids { get; }

    public string? CrewId { get; }

    public string? Site { get; }

    public bool Is(string role) => Roles.Contains(role);

    public bool Sees(string grid) => Grids is null || Grids.Contains(grid);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var grids = user.FindAll(GridClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        // An account with no grid list, or with a role that sees everything, is not limited.
        var scoped = grids.Count > 0 && !roles.Any(Accounts.Roles.SeesAllGrids);
        return new Caller(
            user.Identity?.Name ?? "",
            user.FindFirst(DisplayNameClaim)?.Value ?? user.Identity?.Name ?? "",
            roles,
            scoped ? grids : null,
            user.FindFirst(CrewClaim)?.Value,
            user.FindFirst(SiteClaim)?.Value);
    }

    public static ClaimsPrincipal Principal(Account account, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.Username),
            new(DisplayNameClaim, account.DisplayName),
            new(AccessVersionClaim, account.AccessVersion.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(account.Grids.Select(g => new Claim(GridClaim, g)));
        if (account.CrewId is { } crew)
        {
            claims.Add(new Claim(CrewClaim, crew));
        }

        if (account.Site is { } site)
        {
            claims.Add(new Claim(SiteClaim, site));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The grids the caller sees, in registry order.</summary>
    public IReadOnlyList<string> VisibleGrids(CommunityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return [.. registry.Sites.SelectMany(s => s.Grids).Select(g => g.Id).Where(Sees).Distinct()];
    }
}
