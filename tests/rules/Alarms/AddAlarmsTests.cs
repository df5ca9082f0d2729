using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Configuration;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Alarms.Storage.Postgres;
using ParkCommunity.Rules.Alarms.Storage.Sqlite;
using ParkCommunity.Rules.Tests.WorkOrders;
using ParkCommunity.Rules.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Alarms;

public sealed class AddAlarmsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCaseSystem(configuration.GetSection(CaseSystemOptions.Section));
        services.AddSingleton(sp => new WorkOrderRouter(SampleRoster.Load(), sp.GetRequiredService<TimeProvider>()));
        services.AddAlarms(configuration.GetSection(AlarmStoreOptions.Section));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task WithTheDefaultsARaiseBecomesAnAssignedWorkOrderOnceTheHostHasStarted()
    {
        using var folder = new TempDirectory("pc-add-alarms");
        await using (var services = Build(
            new() { ["CaseSystem:SqlitePath"] = folder.File("cases.db"), ["Rules:Alarms:SqlitePath"] = folder.File("alarms.db") },
            new FakeTimeProvider(SampleRoster.DayShift)))
        {
            Assert.IsType<SqliteAlarmStore>(services.GetRequiredService<IAlarmStore>());
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            await services.GetRequiredService<AlarmTracker>().ProcessAsync(
                new AlarmPolicy("light-dark", "Street light dark", AlarmSeverity.Major, TimeSpan.FromMinutes(10)),
                [new SubjectObservation("light-017", new SubjectLocation("tianfu-park", "north"), true, SampleRoster.DayShift, "dark")],
                new WorkOrderTemplate("Street light dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, null));

            var order = Assert.Single(await services.GetRequiredService<IWorkOrderStore>().ListAsync(new WorkOrderQuery()));
            Assert.Equal("electricians-day", order.Assignee?.CrewId);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task PostgresIsChosenByConfigurationWithADataSourceOfItsOwn()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:Database"] = "Postgres",
            ["CaseSystem:PostgresConnectionString"] = "Host=127.0.0.1;Database=cases",
            ["Rules:Alarms:Database"] = "Postgres",
            ["Rules:Alarms:PostgresConnectionString"] = "Host=127.0.0.1;Database=alarms",
        });

        Assert.IsType<PostgresAlarmStore>(services.GetRequiredService<IAlarmStore>());
        Assert.Equal("alarms", services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(AlarmServiceCollectionExtensions.DataSourceKey).DatabaseName());
    }

    [Fact]
    public async Task EveryBadSettingIsReportedByItsKey()
    {
        await using var services = Build(new() { ["Rules:Alarms:Database"] = "Postgres", ["Rules:Alarms:SqlitePath"] = "", ["Rules:Alarms:KeepHistoryFor"] = "01:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlarmStoreOptions>>().Value);

        Assert.Equal(
            [
                "Rules:Alarms:PostgresConnectionString is required when Rules:Alarms:Database is Postgres.",
                "Rules:Alarms:KeepHistoryFor must be between 1 day and 100 years (was 01:00:00).",
            ],
            error.Failures);
    }

    [Fact]
    public async Task AMalformedPostgresConnectionStringIsReported()
    {
        await using var services = Build(new()
        {
            ["Rules:Alarms:Database"] = "Postgres",
            ["Rules:Alarms:PostgresConnectionString"] = "Host=127.0.0.1;NoSuchKeyword=1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlarmStoreOptions>>().Value);

        Assert.StartsWith("Rules:Alarms:PostgresConnectionString is not a valid connection string", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}

internal static class NpgsqlDataSourceExtensions
{
    public static string? DatabaseName(this Npgsql.NpgsqlDataSource dataSource) =>
        new Npgsql.NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;
}
