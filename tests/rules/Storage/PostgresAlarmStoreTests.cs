using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Alarms.Storage.Postgres;

using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Storage;

/// <summary>The contract over a real PostgreSQL database; tests of the class run one after another and start from emptied tables.</summary>
public sealed class PostgresAlarmStoreTests(PostgresTestDatabase database) : AlarmStoreContract, IClassFixture<PostgresTestDatabase>
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override Task PrepareEmptyDatabaseAsync() => database.EmptyAsync();

    // Each node gets its own connection pool, as a separate process would.
    protected override IAlarmStore CreateNode()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresAlarmStore(dataSource, Time, NullLogger<PostgresAlarmStore>.Instance);
    }

    protected override async Task CleanUpAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
