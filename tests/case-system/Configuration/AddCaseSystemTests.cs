using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Postgres;
using ParkCommunity.CaseSystem.Storage.Sqlite;

namespace ParkCommunity.CaseSystem.Tests.Configuration;

public sealed class AddCaseSystemTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCaseSystem(configuration.GetSection(CaseSystemOptions.Section)).BuildServiceProvider();
    }

    [Fact]
    public async Task SqliteIsTheDefaultAndItsSchemaIsCreatedWhenTheHostStarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pc-cases-{Guid.NewGuid():N}");
        try
        {
            await using (var services = Build(new() { ["CaseSystem:SqlitePath"] = Path.Combine(folder, "cases.db") }))
            {
                var store = Assert.IsType<SqliteWorkOrderStore>(services.GetRequiredService<IWorkOrderStore>());
                foreach (var hosted in services.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                }

                Assert.Empty(await store.ListAsync(new WorkOrderQuery()));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task PostgresIsChosenByConfiguration()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:Database"] = "Postgres",
            ["CaseSystem:PostgresConnectionString"] = "Host=127.0.0.1;Database=cases",
        });

        Assert.IsType<PostgresWorkOrderStore>(services.GetRequiredService<IWorkOrderStore>());
    }

    [Fact]
    public async Task EveryBadSettingIsReportedByItsKey()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:Database"] = "Postgres",
            ["CaseSystem:Sla:P1"] = "00:00:00",
            ["CaseSystem:Sla:P3"] = "-1.00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CaseSystemOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("CaseSystem:PostgresConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("CaseSystem:Sla:P1 must be more than zero", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("CaseSystem:Sla:P3 must be more than zero", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMalformedPostgresConnectionStringIsReported()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:Database"] = "Postgres",
            ["CaseSystem:PostgresConnectionString"] = "Host=127.0.0.1;NoSuchKeyword=1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CaseSystemOptions>>().Value);

        Assert.StartsWith("CaseSystem:PostgresConnectionString is not a valid connection string", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
