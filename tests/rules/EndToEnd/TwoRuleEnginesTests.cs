using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Hosting;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.EndToEnd;

/// <summary>Two whole rule engines sharing one PostgreSQL database (Quartz cluster, alarms, cases), as in production.</summary>
public sealed class TwoRuleEnginesTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IDisposable
{
    private const string Rules = """
        rules:
          - id: lamp-failure
            name: Lamp switched on but dark
            select: { kind: light }
            threshold:
              all: ["on == true", "power_w < 5"]
              for: 2s
            every: 1s
            severity: major
            workOrder: { title: "Lamp {device} dark", category: electrical, priority: P2 }
          - id: parking-silent
            name: Parking sensor silent
            select: { kind: parking }
            absence: { silentFor: 3s }
            every: 1s
            severity: minor
            workOrder: { title: "Parking sensor {device} silent", category: parking, priority: P3 }
        """;

    private readonly TempDirectory _folder = new("pc-two-engines");

    [Fact]
    public async Task TwoEnginesRaiseEveryAlarmOnceWithOneWorkOrderEach()
    {
        var now = TimeProvider.System.GetUtcNow();
        var registryPath = NightCommunity.WriteRegistry(_folder.File("registry.yaml"), now);
        var registry = RegistryLoader.Load(registryPath);
        var lights = registry.Devices.Where(d => d.Kind == "light").ToList();
        var parking = registry.Devices.Count(d => d.Kind == "parking");
        Directory.CreateDirectory(_folder.File("rules"));
        await File.WriteAllTextAsync(_folder.File("rules/rules.yaml"), Rules);

        using var nodeA = Build("node-a", registryPath);
        using var nodeB = Build("node-b", registryPath);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        // Every light reports "on" with no power, each second from 10 s ago to a minute ahead: all are failed lamps.
        var batch = new TelemetryBatch();
        foreach (var light in lights)
        {
            for (var second = -10; second <= 60; second++)
            {
                batch.Add(new SeriesKey("light", light.Site.Id, light.Grid.Id, light.Zone.Id, light.Id), now.AddSeconds(second).ToUnixTimeMilliseconds(), null,
                    [TelemetryField.OfBoolean("on", true), TelemetryField.OfNumber("power_w", 0)]);
            }
        }

        await nodeA.Services.GetRequiredService<ITelemetryWriter>().WriteAsync(batch, CancellationToken.None);
        var expected = lights.Count + parking;
        var workOrders = nodeA.Services.GetRequiredService<IWorkOrderStore>();
        await Eventually.ReturnsAsync(() => workOrders.ListAsync(new WorkOrderQuery { Take = WorkOrderQuery.MaxTake }), o => o.Count >= expected, TimeSpan.FromSeconds(60));

        // Both engines keep evaluating every second for a while longer: nothing may be raised or opened twice.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var orders = await workOrders.ListAsync(new WorkOrderQuery { Take = WorkOrderQuery.MaxTake });
        Assert.Equal(expected, orders.Count);
        Assert.Equal(expected, orders.Select(o => ((AlarmSource)o.Source).AlarmKey.ToString()).Distinct(StringComparer.Ordinal).Count());
        var alarms = nodeB.Services.GetRequiredService<IAlarmStore>();
        var current = await alarms.ListCurrentAsync(new AlarmQuery { Take = AlarmQuery.MaxTake });
        Assert.Equal(expected, current.Count);
        foreach (var alarm in current)
        {
            Assert.Single(await alarms.GetHistoryAsync(alarm.Id), entry => entry.Kind == AlarmHistoryKind.Raised);
        }

        await nodeA.StopAsync();
        await nodeB.StopAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private IHost Build(string node, string registryPath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _folder.Path });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TelemetryStore:Sqlite:Path"] = _folder.File("telemetry.db"),
            ["Rules:RulesDirectory"] = _folder.File("rules"),
            ["Rules:RegistryPath"] = registryPath,
            ["Rules:InstanceId"] = node,
            ["Rules:JobStore"] = "Postgres",
            ["Rules:JobStorePostgresConnectionString"] = database.ConnectionString,
            ["Rules:Alarms:Database"] = "Postgres",
            ["Rules:Alarms:PostgresConnectionString"] = database.ConnectionString,
            ["CaseSystem:Database"] = "Postgres",
            ["CaseSystem:PostgresConnectionString"] = database.ConnectionString,
            ["CaseSystem:CrewsPath"] = RepositoryRoot.File("deploy", "sample-community", "crews.yaml"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddRuleEngine();
        return builder.Build();
    }
}
