using Microsoft.Data.Sqlite;
using ParkCommunity.Rules.Switches;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Switches;

public sealed class SqliteRuleSwitchStoreTests : RuleSwitchStoreContract
{
    private readonly TempDirectory _folder = new("pc-switches");

    protected override Task<IRuleSwitchStore> CreateAsync() =>
        Task.FromResult<IRuleSwitchStore>(new SqliteRuleSwitchStore(Path.Combine(_folder.Path, "nested", "alarms.db"), Time));

    protected override Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
