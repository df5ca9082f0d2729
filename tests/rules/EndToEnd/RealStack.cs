using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.Simulators.Hosting;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.EndToEnd;

/// <summary>
/// The real stack in two hosts, as two processes would run it: simulated devices publishing to the in-process broker
/// with the gateway storing into the real InfluxDB; and the rule engine (Quartz, alarms, case system on SQLite) reading
/// from the same InfluxDB — restartable on its own, over the same files.
/// </summary>
internal sealed class RealStack : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("pc-e2e");
    private readonly Dictionary<string, string?> _settings;
    private IHost? _devices;

    public RealStack(string rules, IEnumerable<string> faults, DateTimeOffset now)
    {
        var rulesFolder = Directory.CreateDirectory(_folder.File("rules")).FullName;
        File.WriteAllText(Path.Combine(rulesFolder, "rules.yaml"), rules);
        var registry = NightCommunity.WriteRegistry(_folder.File("registry.yaml"), now);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        _settings = new Dictionary<string, string?>
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString(),
            ["TelemetryStore:InfluxDb:Database"] = TestServers.UniqueName("e2e"),
            ["Gateway:RegistryPath"] = registry,
            ["Gateway:DataDirectory"] = _folder.File("gateway"),
            ["Gateway:Broker:Port"] = port,
            ["Simulation:RegistryPath"] = registry,
            ["Simulation:BrokerPort"] = port,
            ["Simulation:ConnectSpread"] = "00:00:00.200",
            ["Simulation:PublishInterval:Light"] = "00:00:01",
            ["Simulation:PublishInterval:Park"] = "00:00:01",
            ["Simulation:PublishInterval:Parking"] = "00:00:01",
            ["Simulation:PublishInterval:Access"] = "00:00:01",
            ["Simulation:GroundTruthPath"] = _folder.File("ground-truth.jsonl"),
            ["Rules:RulesDirectory"] = rulesFolder,
            ["Rules:RegistryPath"] = registry,
            ["Rules:JobStoreSqlitePath"] = _folder.File("schedule.db"),
            ["Rules:Alarms:SqlitePath"] = _folder.File("alarms.db"),
            ["CaseSystem:SqlitePath"] = _folder.File("cases.db"),
            ["CaseSystem:CrewsPath"] = Path.Combine(RepositoryRoot.Path, "deploy", "sample-community", "crews.yaml"),
        };
        var index = 0;
        foreach (var fault in faults)
        {
            _settings[$"Simulation:Faults:{index++}"] = fault;
        }
    }

    /// <summary>The rule engine's host; replaced by <see cref="RestartRuleEngineAsync"/>.</summary>
    public IHost? RuleEngine { get; private set; }

    public IWorkOrderStore WorkOrders => RuleEngine!.Services.GetRequiredService<IWorkOrderStore>();

    public IAlarmStore Alarms => RuleEngine!.Services.GetRequiredService<IAlarmStore>();

    public ITelemetryReader Telemetry => RuleEngine!.Services.GetRequiredService<ITelemetryReader>();

    public async Task StartAsync()
    {
        _devices = Build(builder =>
        {
            builder.AddGateway();
            builder.Services.AddDeviceSimulation(builder.Configuration.GetSection("Simulation"));
        });
        await _devices.StartAsync();
        RuleEngine = Build(builder => builder.AddRuleEngine());
        await RuleEngine.StartAsync();
    }

    public async Task RestartRuleEngineAsync()
    {
        await RuleEngine!.StopAsync();
        RuleEngine.Dispose();
        RuleEngine = Build(builder => builder.AddRuleEngine());
        await RuleEngine.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { RuleEngine, _devices })
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private IHost Build(Action<HostApplicationBuilder> compose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        compose(builder);
        return builder.Build();
    }
}
