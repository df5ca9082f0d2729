namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>Where accounts live. Database errors reach the caller; nothing is swallowed.</summary>
internal interface IAccountStore
{
    Task<Account?> FindAsync(string username, CancellationToken cancellationToken);

    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account; false (and nothing changed) when the username is taken.</summary>
    Task<bool> CreateAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash (a rehash after a hasher upgrade, or a password change); false when there is no such account.</summary>
    Task<bool> SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Replaces roles, grids and crew and moves the access version; the updated account, or null when there is none.</summary>
    Task<Account?> SetAccessAsync(string username, IReadOnlyList<string> roles, IReadOnlyList<string> grids, string? crewId, CancellationToken cancellationToken);

    /// <summary>Disables (with the time) or enables (null) the account and moves the access version; the updated account, or null when there is none.</summary>
    Task<Account?> SetDisabledAsync(string username, DateTimeOffset? disabledAt, CancellationToken cancellationToken);
}
