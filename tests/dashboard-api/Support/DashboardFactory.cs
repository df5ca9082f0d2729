using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.DashboardApi.Tests.Support;

/// <summary>
/// The dashboard on real SQLite stores in a temp folder, the sample registry, the demo accounts and a fake clock.
/// Extra settings (another telemetry backend, another environment) come through <see cref="Settings"/>.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _folder = new("pc-dashboard");

    public FakeTimeProvider Time { get; } = new(Start);

    public string Folder => _folder.Path;

    public string Environment { get; init; } = "Development";

    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:RegistryPath"] = RepositoryRoot.SampleRegistry,
            ["Dashboard:DataDirectory"] = _folder.Path,
            ["Dashboard:SeedDemoAccounts"] = "true",
            ["Dashboard:SignInPermitsPerMinute"] = "10000",
            ["TelemetryStore:Sqlite:Path"] = _folder.File("telemetry.db"),
            ["CaseSystem:SqlitePath"] = _folder.File("cases.db"),
            ["Rules:Alarms:SqlitePath"] = _folder.File("alarms.db"),
            ["Rules:RulesDirectory"] = RepositoryRoot.File("deploy", "sample-community", "rules"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // The default 100,000 PBKDF2 rounds cost ~0.1 s per sign-in on two shared cores; the hasher's format is the same.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>A client signed in with a bearer token of a demo account (password from the contract).</summary>
    public async Task<HttpClient> ClientForAsync(string username)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password = DemoPassword(username) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string DemoPassword(string username) => username switch
    {
        "admin" => "admin-demo",
        "manager" or "manager-north" => "manager-demo",
        "crew-electric" or "crew-north" => "crew-demo",
        "planner" => "planner-demo",
        "auditor" => "auditor-demo",
        _ => throw new ArgumentOutOfRangeException(nameof(username), username, "Not a demo account."),
    };

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
