using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Sla;
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
    public void AddingTheCaseSystemTwiceRegistersItOnce()
    {
        var section = new ConfigurationBuilder().Build().GetSection(CaseSystemOptions.Section);
        var services = new ServiceCollection().AddCaseSystem(section);
        var once = services.Count;

        services.AddCaseSystem(section);

        Assert.Equal(once, services.Count);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IWorkOrderStore));
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

public sealed class AddCaseSystemWiringTests
{
    private static readonly string SampleRoster = Path.Combine(AppContext.BaseDirectory, "sample-community", "crews.yaml");

    // Resolving the store only creates its folder; the temp folder already exists and no file is opened.
    private static readonly string UnusedDatabase = Path.Combine(Path.GetTempPath(), "pc-unused-cases.db");

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCaseSystem(configuration.GetSection(CaseSystemOptions.Section)).BuildServiceProvider();
    }

    [Fact]
    public async Task WithNotificationsConfiguredEveryStoreCallerGoesThroughTheNotifyingStore()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:SqlitePath"] = UnusedDatabase,
            ["CaseSystem:CrewsPath"] = SampleRoster,
            ["CaseSystem:Notifications:Webhooks:0:Name"] = "city-desk",
            ["CaseSystem:Notifications:Webhooks:0:Url"] = "https://city.example/hooks/cases",
            ["CaseSystem:Notifications:Webhooks:0:Secret"] = "0123456789abcdef0123",
        });

        var store = Assert.IsType<NotifyingWorkOrderStore>(services.GetRequiredService<IWorkOrderStore>());
        Assert.IsType<SqliteWorkOrderStore>(store.Inner);
        Assert.Contains(services.GetServices<IHostedService>(), s => s is NotificationDispatcher);
        Assert.Equal("webhook city-desk", Assert.Single(services.GetRequiredService<NotificationQueue>().Sinks).Name);
    }

    [Fact]
    public async Task WithoutNotificationsNothingIsSent()
    {
        await using var services = Build(new() { ["CaseSystem:SqlitePath"] = UnusedDatabase });

        Assert.IsType<SqliteWorkOrderStore>(services.GetRequiredService<IWorkOrderStore>());
        Assert.DoesNotContain(services.GetServices<IHostedService>(), s => s is NotificationDispatcher);
    }

    [Fact]
    public async Task WithARosterTheRouterIntakeAndEscalatorAreAvailable()
    {
        await using var services = Build(new() { ["CaseSystem:CrewsPath"] = SampleRoster });

        Assert.NotNull(services.GetRequiredService<WorkOrderRouter>());
        Assert.NotNull(services.GetRequiredService<WorkOrderIntake>());
        Assert.NotNull(services.GetRequiredService<SlaEscalator>());
        Assert.Equal(3, services.GetRequiredService<CrewRoster>().ManagersByGrid.Count);
    }

    [Fact]
    public async Task WithoutARosterAskingForTheEscalatorSaysWhichSettingIsMissing()
    {
        await using var services = Build(new());

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<SlaEscalator>());

        Assert.Contains("CaseSystem:CrewsPath is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenRosterIsReportedOnStartWithItsFileAndLine()
    {
        using var folder = new ParkCommunity.TestSupport.TempDirectory();
        var path = Path.Combine(folder.Path, "crews.yaml");
        await File.WriteAllTextAsync(path, "timeZone: Mars/Olympus\ncrews: []\n");
        await using var services = Build(new() { ["CaseSystem:CrewsPath"] = path });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CaseSystemOptions>>().Value);

        Assert.Contains("CaseSystem:CrewsPath: crews.yaml:1: unknown time zone 'Mars/Olympus'", error.Failures);
    }

    [Fact]
    public async Task EveryBadNotificationSettingIsReportedByItsKey()
    {
        await using var services = Build(new()
        {
            ["CaseSystem:Notifications:TopicPrefix"] = "pc/#",
            ["CaseSystem:Notifications:Mqtt:Port"] = "0",
            ["CaseSystem:Notifications:Webhooks:0:Name"] = "city-desk",
            ["CaseSystem:Notifications:Webhooks:0:Url"] = "ftp://city.example/",
            ["CaseSystem:Notifications:Webhooks:0:Secret"] = "short",
            ["CaseSystem:Notifications:MaxAttempts"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Equal(
            [
                "CaseSystem:Notifications:TopicPrefix 'pc/#' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'.",
                "CaseSystem:Notifications:Mqtt:Host is required.",
                "CaseSystem:Notifications:Mqtt:Port must be 1-65535, not 0.",
                "CaseSystem:Notifications:Webhooks:0:Url must be an absolute http or https URL, not 'ftp://city.example/'.",
                "CaseSystem:Notifications:Webhooks:0:Secret must be at least 16 characters.",
                "CaseSystem:Notifications:MaxAttempts must be 1-100, not 0.",
            ],
            error.Failures);
    }
}
