using Npgsql;
using ParkCommunity.Rules.Switches;
using ParkCommunity.Rules.Tests.Storage;

using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Switches;

/// <summary>The contract over a real PostgreSQL database; each test starts from an emptied schema.</summary>
public sealed class PostgresRuleSwitchStoreTests(PostgresTestDatabase database) : RuleSwitchStoreContract, IClassFixture<PostgresTestDatabase>
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IRuleSwitchStore> CreateAsync()
    {
        await database.EmptyAsync();
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        return new PostgresRuleSwitchStore(_dataSource, Time);
    }

    protected override async Task CleanUpAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
