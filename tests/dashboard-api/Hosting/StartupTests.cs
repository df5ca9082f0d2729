using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.TestSupport;

namespace ParkCommunity.DashboardApi.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public void TheValidatorNamesEveryBadSetting()
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions
        {
            RegistryPath = "/nowhere/registry.yaml",
            DataDirectory = " ",
            Database = DashboardDatabaseKind.Postgres,
            PostgresConnectionString = null,
            OfflineAfter = TimeSpan.Zero,
            StatusPollInterval = TimeSpan.FromDays(2),
            TokenLifetime = TimeSpan.FromSeconds(-1),
            SignInPermitsPerMinute = 0,
            LiveQueueCapacity = 0,
            InitialAdminPassword = "admin-demo",
        });

        Assert.True(result.Failed);
        foreach (var setting in new[] { "RegistryPath", "DataDirectory", "PostgresConnectionString", "OfflineAfter", "StatusPollInterval", "TokenLifetime", "SignInPermitsPerMinute", "LiveQueueCapacity", "InitialAdminPassword" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith("Dashboard:" + setting, StringComparison.Ordinal));
        }
    }

    /// <summary>The real composition without the test host, so a start-up failure surfaces as the process would see it.</summary>
    private static WebApplication Build(TempDirectory folder, string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:RegistryPath"] = RepositoryRoot.SampleRegistry,
            ["Dashboard:DataDirectory"] = folder.Path,
            ["Dashboard:SeedDemoAccounts"] = "true",
            ["TelemetryStore:Sqlite:Path"] = folder.File("telemetry.db"),
            ["CaseSystem:SqlitePath"] = folder.File("cases.db"),
            ["Serilog:MinimumLevel:Default"] = "Fatal",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        builder.AddDashboardApi();
        var app = builder.Build();
        app.MapDashboardApi();
        return app;
    }

    [Fact]
    public async Task AMisconfiguredDashboardRefusesToStart()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, "Development", ("Dashboard:OfflineAfter", "-00:01:00"), ("Dashboard:Database", "Postgres"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Dashboard:OfflineAfter", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Dashboard:PostgresConnectionString is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProductionRefusesToStartWhileDemoPasswordsRemainAndNamesTheAccounts()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, "Production");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("Refusing to start in Production", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin, manager-north, manager, crew-electric, crew-north, planner, auditor", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task ProductionWithoutDemoAccountsStarts()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, "Production", ("Dashboard:SeedDemoAccounts", "false"));

        await app.StartAsync();
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task AFreshProductionDatabaseGetsItsFirstAdminFromConfiguration()
    {
        using var folder = new TempDirectory();
        await using var app = Build(folder, "Production", ("Dashboard:SeedDemoAccounts", "false"), ("Dashboard:InitialAdminPassword", "correct-horse-battery"));

        await app.StartAsync();
        var account = await app.Services.GetRequiredService<ParkCommunity.DashboardApi.Accounts.IAccountStore>().FindAsync("admin", CancellationToken.None);
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(["admin"], account!.Roles);
    }

    [Fact]
    public async Task AccountsAndAuditCanLiveInPostgreSql()
    {
        var name = TestServers.UniqueName("pc_dashboard_app");
        await using (var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            using (var factory = new DashboardFactory())
            {
                factory.Settings["Dashboard:Database"] = "Postgres";
                factory.Settings["Dashboard:PostgresConnectionString"] = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = name }.ConnectionString;
                var client = factory.CreateClient();
                var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { username = "auditor", password = "auditor-demo" });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
                Assert.Contains("\"sign-in\"", await client.GetStringAsync("/api/audit?action=sign-in"), StringComparison.Ordinal);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = NpgsqlDataSource.Create(TestServers.PostgresConnectionString);
            await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
