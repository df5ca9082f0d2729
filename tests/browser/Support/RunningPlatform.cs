using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParkCommunity.AllInOne;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Browser.Tests.Support;

/// <summary>
/// The whole platform running in this process — broker, gateway, rule engine, case system, dashboard API and web,
/// simulated devices — exactly as <c>./run.sh</c> starts it (<see cref="AllInOneHost"/>), with every file in a temporary
/// folder and every port free, plus one headless Debian chromium driven by Playwright. Shared by the tests of one class:
/// starting it takes seconds, and the scenario it plays (a lamp fails <see cref="LampFailsAfter"/> after start) runs once.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    /// <summary>The lamp that fails, in grid north of <see cref="NightCommunity"/>.</summary>
    public const string FailingLamp = "light-n-001";

    /// <summary>The rule the fixture installs to notice it within seconds (the sample rule waits ten minutes).</summary>
    public const string LampRuleId = "lamp-failure-fast";

    /// <summary>
    /// When the lamp fails, counted from the simulation's start: long enough for the manager page to be open and live
    /// before it happens (the test of the live alarm runs first), short enough to keep the run brief.
    /// </summary>
    public static readonly TimeSpan LampFailsAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Car parks and park poles publish every second and then fall silent, so the usage the planner exports is complete
    /// and unchanging once <see cref="WaitForQuietUsageAsync"/> returns — a CSV can then be compared with the store exactly.
    /// </summary>
    public static readonly TimeSpan UsageQuietAfter = TimeSpan.FromSeconds(6);

    private readonly TempDirectory _folder = new("pc-browser");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    public DateTimeOffset StartedAt { get; private set; }

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The platform has not started.");

    public ITelemetryReader Telemetry => Services.GetRequiredService<ITelemetryReader>();

    public string GroundTruthPath => _folder.File("ground-truth.jsonl");

    public async Task InitializeAsync()
    {
        // Asked first, so a machine without chromium fails here with the way to get it, before anything has started.
        var chromium = TestServers.ChromiumPath;
        StartedAt = TimeProvider.System.GetUtcNow();
        var registry = NightCommunity.WriteRegistry(_folder.File("registry.yaml"), StartedAt);
        var rules = Directory.CreateDirectory(_folder.File("rules")).FullName;
        await File.WriteAllTextAsync(Path.Combine(rules, "lamps.yaml"), FastLampRule);
        var data = Directory.CreateDirectory(_folder.File("data")).FullName;
        var webPort = FreePort.Next();

        string[] args =
        [
            $"--Urls=http://127.0.0.1:{webPort}",
            // The web front end is the dashboard's wwwroot; in a test process the host's application name is the test
            // runner's, so the static web assets manifest is not found — point the web root at the built files instead.
            $"--webroot={RepositoryRoot.File("dashboard-api", "wwwroot")}",
        ];
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RegistryPath"] = registry,
            ["Gateway:DataDirectory"] = data,
            ["Gateway:BrokerMode"] = "InProcess",
            ["Gateway:Broker:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["TelemetryStore:Backend"] = "Sqlite",
            ["TelemetryStore:Sqlite:Path"] = Path.Combine(data, "telemetry.db"),
            ["CaseSystem:SqlitePath"] = Path.Combine(data, "cases.db"),
            ["CaseSystem:CrewsPath"] = RepositoryRoot.File("deploy", "sample-community", "crews.yaml"),
            ["Rules:RulesDirectory"] = rules,
            ["Rules:RegistryPath"] = registry,
            ["Rules:JobStoreSqlitePath"] = Path.Combine(data, "rules-schedule.db"),
            ["Rules:Alarms:SqlitePath"] = Path.Combine(data, "alarms.db"),
            ["Dashboard:RegistryPath"] = registry,
            ["Dashboard:DataDirectory"] = data,
            ["Dashboard:SeedDemoAccounts"] = "true",
            // Every test signs in through the form; the brute-force brake (10 a minute per address) is not under test here.
            ["Dashboard:SignInPermitsPerMinute"] = "1000",
            ["Dashboard:StatusPollInterval"] = "00:00:01",
            ["Simulation:RegistryPath"] = registry,
            ["Simulation:ConnectSpread"] = "00:00:00.500",
            ["Simulation:PublishInterval:Light"] = "00:00:01",
            ["Simulation:PublishInterval:Park"] = "00:00:01",
            ["Simulation:PublishInterval:Parking"] = "00:00:01",
            ["Simulation:Faults:0"] = $"lamp_failure:{FailingLamp}:at={LampFailsAfter.TotalSeconds:F0}s",
            ["Simulation:Faults:1"] = $"silent:parking-*:at={UsageQuietAfter.TotalSeconds:F0}s",
            ["Simulation:Faults:2"] = $"silent:park-*:at={UsageQuietAfter.TotalSeconds:F0}s",
            ["Simulation:GroundTruthPath"] = GroundTruthPath,
        };

        _app = AllInOneHost.Build(args, configuration => configuration.AddInMemoryCollection(settings));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.First()
            ?? throw new InvalidOperationException("The platform listens on no HTTP address.");
        BaseUrl = new Uri(address.TrimEnd('/') + "/");

        // Page assertions wait up to 15 s (Playwright's default is 5 s): CI runs the other test projects alongside on two cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's chromium, never a downloaded one (no `playwright install`).
            ExecutablePath = chromium,
            Headless = true,
        });
    }

    /// <summary>A fresh browser context (own cookies) at the platform's address, in the sample community's time zone.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            TimezoneId = "Asia/Shanghai",
            Locale = locale ?? "zh-CN",
            AcceptDownloads = true,
            // The app then draws charts without their grow-in animation, so a screenshot shows them complete.
            ReducedMotion = ReducedMotion.Reduce,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Waits until every car park and park pole has gone silent (the simulator records it in its ground truth).</summary>
    public async Task WaitForQuietUsageAsync()
    {
        var quiet = NightCommunity.Layout.Where(z => z.Kind is "parking" or "park").SelectMany(z => z.Devices).ToHashSet();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(File.Exists(GroundTruthPath)
                ? File.ReadAllLines(GroundTruthPath).Count(line => line.Contains("\"silent\"", StringComparison.Ordinal))
                : 0),
            silenced => silenced >= quiet.Count,
            TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>The sample lamp rule made fast: the same condition, held for 3 s, evaluated every 2 s, at any hour.</summary>
    private const string FastLampRule = $$"""
        rules:
          - id: {{LampRuleId}}
            name: Lamp switched on but dark
            select: { kind: light }
            threshold:
              all: ["on == true", "power_w < 5"]
              for: 3s
            every: 2s
            severity: major
            clearAfter: 2s
            workOrder:
              title: "Lamp {device} dark in {zone} ({value})"
              category: electrical
              priority: P2
        """;
}
