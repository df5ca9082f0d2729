using Microsoft.AspNetCore.Identity;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>Hashes and verifies passwords with ASP.NET Core Identity's hasher, and upgrades old hashes on sign-in.</summary>
internal sealed class PasswordCheck(IPasswordHasher<Account> hasher, IAccountStore accounts)
{
    // Verifying against a fixed hash when the user does not exist keeps the answer time the same, so timing does not
    // reveal which usernames exist.
    private readonly Lazy<string> _decoy = new(() => hasher.HashPassword(null!, "decoy-" + Guid.NewGuid()));

    public string Hash(string password) => hasher.HashPassword(null!, password);

    public bool Matches(Account account, string password) =>
        hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>The account when the password is right and the account is not disabled, else null.</summary>
    public async Task<Account?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(username, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, _decoy.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.SetPasswordHashAsync(username, hasher.HashPassword(account, password), cancellationToken).ConfigureAwait(false);
        }

        return result == PasswordVerificationResult.Failed || account.IsDisabled ? null : account;
    }
}
