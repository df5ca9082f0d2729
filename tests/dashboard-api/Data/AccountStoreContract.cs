using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Data;

namespace ParkCommunity.DashboardApi.Tests.Data;

/// <summary>What the <see cref="IAccountStore"/> must do on every database must do; one subclass per real database.</summary>
public abstract class AccountStoreContract<TMaker> : IAsyncLifetime where TMaker : IDatabaseMaker, new()
{
    private readonly TMaker _maker = new();
    private SqlAccountStore _store = null!;

    // One store class serves both databases; the backends differ in the DashboardDatabase under it.
    public async Task InitializeAsync() => _store = new SqlAccountStore(await ((IDatabaseMaker)_maker).CreateAsync());

    public async Task DisposeAsync() => await _maker.DisposeAsync();

    private static Account Crew(string username = "crew-a") =>
        new(username, "Crew A", "hash-1", [Roles.Crew], ["north", "south"], "electricians-day", "tianfu-park", new DateTimeOffset(2026, 11, 29, 5, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnAccountRoundTripsEveryField()
    {
        Assert.True(await _store.CreateAsync(Crew(), CancellationToken.None));

        var read = await _store.FindAsync("crew-a", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(("crew-a", "Crew A", "hash-1", "electricians-day", "tianfu-park"), (read.Username, read.DisplayName, read.PasswordHash, read.CrewId, read.Site));
        Assert.Equal(["crew"], read.Roles);
        Assert.Equal(["north", "south"], read.Grids);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 5, 0, 0, TimeSpan.Zero), read.CreatedAt);
    }

    [Fact]
    public async Task ATakenUsernameIsRefusedWithoutChangingTheAccount()
    {
        await _store.CreateAsync(Crew(), CancellationToken.None);

        Assert.False(await _store.CreateAsync(Crew() with { PasswordHash = "other" }, CancellationToken.None));
        Assert.Equal("hash-1", (await _store.FindAsync("crew-a", CancellationToken.None))!.PasswordHash);
    }

    [Fact]
    public async Task AnAccountWithoutGridsOrCrewReadsBackEmptyAndNull()
    {
        await _store.CreateAsync(Crew("planner") with { Roles = [Roles.Planner], Grids = [], CrewId = null, Site = null }, CancellationToken.None);

        var read = await _store.FindAsync("planner", CancellationToken.None);

        Assert.Empty(read!.Grids);
        Assert.Null(read.CrewId);
        Assert.Null(read.Site);
    }

    [Fact]
    public async Task PasswordHashesCanBeReplacedAndUnknownNamesAreNotFound()
    {
        await _store.CreateAsync(Crew(), CancellationToken.None);

        Assert.True(await _store.SetPasswordHashAsync("crew-a", "hash-2", CancellationToken.None));
        Assert.False(await _store.SetPasswordHashAsync("ghost", "hash-2", CancellationToken.None));
        Assert.Equal("hash-2", (await _store.FindAsync("crew-a", CancellationToken.None))!.PasswordHash);
        Assert.Null(await _store.FindAsync("ghost", CancellationToken.None));
    }

    [Fact]
    public async Task AccessChangesAndDisablingMoveTheAccessVersion()
    {
        await _store.CreateAsync(Crew(), CancellationToken.None);
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

        var fresh = await _store.FindAsync("crew-a", CancellationToken.None);
        var changed = await _store.SetAccessAsync("crew-a", [Roles.Manager], ["north"], null, CancellationToken.None);
        var disabled = await _store.SetDisabledAsync("crew-a", at, CancellationToken.None);
        var enabled = await _store.SetDisabledAsync("crew-a", null, CancellationToken.None);

        Assert.Equal((1, false), (fresh!.AccessVersion, fresh.IsDisabled));
        Assert.Equal(["manager"], changed!.Roles);
        Assert.Equal(["north"], changed.Grids);
        Assert.Equal((null, 2), (changed.CrewId, changed.AccessVersion));
        Assert.Equal(((DateTimeOffset?)at, 3), (disabled!.DisabledAt, disabled.AccessVersion));
        Assert.Equal(((DateTimeOffset?)null, 4), (enabled!.DisabledAt, enabled.AccessVersion));
        Assert.Equal(4, (await _store.FindAsync("crew-a", CancellationToken.None))!.AccessVersion);
        Assert.Null(await _store.SetAccessAsync("ghost", [Roles.Planner], [], null, CancellationToken.None));
        Assert.Null(await _store.SetDisabledAsync("ghost", at, CancellationToken.None));
    }

    [Fact]
    public async Task ListingIsByUsername()
    {
        await _store.CreateAsync(Crew("b"), CancellationToken.None);
        await _store.CreateAsync(Crew("a"), CancellationToken.None);

        Assert.Equal(["a", "b"], (await _store.ListAsync(CancellationToken.None)).Select(a => a.Username));
    }
}

public sealed class SqliteAccountStoreTests : AccountStoreContract<SqliteDatabaseMaker>;

public sealed class PostgresAccountStoreTests : AccountStoreContract<PostgresDatabaseMaker>;

/// <summary>A dashboard database from before its schema was versioned is brought up to date, accounts intact.</summary>
public sealed class UnversionedDashboardDatabaseTests : IDisposable
{
    private readonly ParkCommunity.TestSupport.TempDirectory _folder = new("pc-dashboard-upgrade");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task AnOldDatabaseGetsTheNewColumnsAndKeepsItsAccounts()
    {
        var database = new SqliteDashboardDatabase(_folder.File("old.db"));
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            foreach (var sql in new[]
            {
                "CREATE TABLE accounts(username TEXT PRIMARY KEY, display_name TEXT NOT NULL, password_hash TEXT NOT NULL, roles TEXT NOT NULL, " +
                "grids TEXT NOT NULL, crew_id TEXT NULL, site TEXT NULL, created_at BIGINT NOT NULL)",
                "INSERT INTO accounts VALUES ('li.wei', 'Li Wei', 'hash', 'manager', 'north', NULL, 'tianfu-park', 0)",
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }

        await database.EnsureSchemaAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);
        await database.EnsureSchemaAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

        var account = await new SqlAccountStore(database).FindAsync("li.wei", CancellationToken.None);
        Assert.NotNull(account);
        Assert.Equal(("Li Wei", 1, false), (account.DisplayName, account.AccessVersion, account.IsDisabled));
    }
}
