using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Postgres;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Storage;

/// <summary>The contract over a real PostgreSQL database; tests of the class run one after another and start from emptied tables.</summary>
public sealed class PostgresWorkOrderStoreTests(PostgresTestDatabase database) : WorkOrderStoreContract, IClassFixture<PostgresTestDatabase>
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task PrepareEmptyDatabaseAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "DROP TABLE IF EXISTS work_order_timeline, work_orders, work_order_sequences, case_schema");
        await command.ExecuteNonQueryAsync();
    }

    // Each node gets its own connection pool, as a separate process would.
    protected override IWorkOrderStore CreateNode()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresWorkOrderStore(dataSource, Time, SlaPolicy.Default, NullLogger<PostgresWorkOrderStore>.Instance, Metrics);
    }

    protected override async Task CleanUpAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
