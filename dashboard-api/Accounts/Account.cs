namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// A local account. <see cref="Grids"/> empty means every grid; managers and crews are normally limited to theirs.
/// <see cref="PasswordHash"/> is in ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2, salted).
/// <see cref="AccessVersion"/> moves with every change of roles, grids, crew or disabling: sessions and tokens carry the
/// version they were issued under and stop working once it moves (<see cref="AccessCheck"/>).
/// </summary>
internal sealed record Account(
    string Username,
    string DisplayName,
    string PasswordHash,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Grids,
    string? CrewId,
    string? Site,
    DateTimeOffset CreatedAt,
    int AccessVersion = 1,
    DateTimeOffset? DisabledAt = null)
{
    public bool IsDisabled => DisabledAt is not null;
}
