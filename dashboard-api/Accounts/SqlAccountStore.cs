using System.Data.Common;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>Accounts in the dashboard database (SQLite or PostgreSQL); lists are stored comma-separated.</summary>
internal sealed class SqlAccountStore(DashboardDatabase database) : IAccountStore
{
    private const string Columns = "username, display_name, password_hash, roles, grids, crew_id, site, created_at, access_version, disabled_at";

    public async Task<Account?> FindAsync(string username, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.Sql($"SELECT {Columns} FROM accounts WHERE username = @username")
                .With("@username", username).ReadAndDisposeAsync(Read, cancellationToken).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql($"SELECT {Columns} FROM accounts ORDER BY username")
                .ReadAndDisposeAsync(Read, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> CreateAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // ON CONFLICT DO NOTHING is spelled the same in SQLite and PostgreSQL, and is race-free across nodes.
            var inserted = await connection.Sql($"""
                INSERT INTO accounts({Columns}) VALUES (@username, @display, @hash, @roles, @grids, @crew, @site, @created, @access, @disabled)
                ON CONFLICT (username) DO NOTHING
                """)
                .With("@username", account.Username).With("@display", account.DisplayName).With("@hash", account.PasswordHash)
                .With("@roles", string.Join(',', account.Roles)).With("@grids", string.Join(',', account.Grids))
                .With("@crew", account.CrewId).With("@site", account.Site).With("@created", account.CreatedAt.ToUnixTimeMilliseconds())
                .With("@access", account.AccessVersion).With("@disabled", account.DisabledAt?.ToUnixTimeMilliseconds())
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            return inserted == 1;
        }
    }

    public async Task<bool> SetPasswordHashAsync(string username, string passwordHash, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await connection.Sql("UPDATE accounts SET password_hash = @hash WHERE username = @username")
                .With("@hash", passwordHash).With("@username", username)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public Task<Account?> SetAccessAsync(
        string username, IReadOnlyList<string> roles, IReadOnlyList<string> grids, string? crewId, CancellationToken cancellationToken) =>
        UpdateAsync(username, "roles = @roles, grids = @grids, crew_id = @crew", command => command
            .With("@roles", string.Join(',', roles)).With("@grids", string.Join(',', grids)).With("@crew", crewId), cancellationToken);

    public Task<Account?> SetDisabledAsync(string username, DateTimeOffset? disabledAt, CancellationToken cancellationToken) =>
        UpdateAsync(username, "disabled_at = @disabled", command => command.With("@disabled", disabledAt?.ToUnixTimeMilliseconds()), cancellationToken);

    /// <summary>One access change: the columns set and the access version moved in one statement, then the account read back.</summary>
    private async Task<Account?> UpdateAsync(string username, string assignments, Func<DbCommand, DbCommand> parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var updated = await parameters(connection.Sql($"UPDATE accounts SET {assignments}, access_version = access_version + 1 WHERE username = @username"))
                .With("@username", username)
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                return null;
            }

            var rows = await connection.Sql($"SELECT {Columns} FROM accounts WHERE username = @username")
                .With("@username", username).ReadAndDisposeAsync(Read, cancellationToken).ConfigureAwait(false);
            return rows[0];
        }
    }

    private static Account Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        Split(reader.GetString(3)),
        Split(reader.GetString(4)),
        reader.NullableString(5),
        reader.NullableString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.GetInt32(8),
        reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
