using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Sqlite;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.Hosting;

public sealed class AddTelemetryStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new("pc-telemetry");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTelemetryStore(builder.Configuration.GetSection("TelemetryStore"));
        return builder.Build();
    }

    [Fact]
    public async Task SqliteIsTheDefaultAndOneInstanceServesWriterAndReader()
    {
        var path = _folder.File("data/telemetry.db");
        using var host = Build(new() { ["TelemetryStore:Sqlite:Path"] = path });

        await host.StartAsync();

        var writer = host.Services.GetRequiredService<ITelemetryWriter>();
        Assert.IsType<SqliteTelemetryStore>(writer);
        Assert.Same(writer, host.Services.GetRequiredService<ITelemetryReader>());
        Assert.True(File.Exists(path));
        await host.StopAsync();
    }

    [Fact]
    public void AddingTheStoreTwiceRegistersItOnce()
    {
        var services = new ServiceCollection();
        var section = new ConfigurationBuilder().Build().GetSection("TelemetryStore");

        services.AddTelemetryStore(section);
        var once = services.Count;
        services.AddTelemetryStore(section);

        Assert.Equal(once, services.Count);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(ITelemetryReader));
    }

    [Fact]
    public async Task InfluxDbIsPreparedOnStartCreatingTheDatabase()
    {
        var database = TestServers.UniqueName("hosting");
        using var host = Build(new()
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = TestServers.InfluxDbUrl.ToString(),
            ["TelemetryStore:InfluxDb:Database"] = database,
        });

        await host.StartAsync();
        try
        {
            Assert.IsType<InfluxDbTelemetryStore>(host.Services.GetRequiredService<ITelemetryReader>());
            Assert.Equal(0, await host.Services.GetRequiredService<ITelemetryReader>().CountAsync(
                SeriesFilter.All, new TimeRange(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100)), CancellationToken.None));
        }
        finally
        {
            await host.StopAsync();
            using var http = new HttpClient { BaseAddress = TestServers.InfluxDbUrl };
            using var drop = new FormUrlEncodedContent([new("q", $"DROP DATABASE \"{database}\"")]);
            (await http.PostAsync(new Uri("/query", UriKind.Relative), drop)).Dispose();
        }
    }

    [Fact]
    public async Task BadInfluxDbOptionsStopTheStartNamingEveryBadSetting()
    {
        using var host = Build(new()
        {
            ["TelemetryStore:Backend"] = "influxdb",
            ["TelemetryStore:InfluxDb:Url"] = "influx:8086",
            ["TelemetryStore:InfluxDb:Username"] = "admin",
            ["TelemetryStore:InfluxDb:Timeout"] = "00:00:00",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("TelemetryStore:InfluxDb:Url", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TelemetryStore:InfluxDb:Database", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TelemetryStore:InfluxDb:Password", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("TelemetryStore:InfluxDb:Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreachableInfluxDbStopsTheStartNamingTheUrl()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}/";
        using var host = Build(new()
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = url,
            ["TelemetryStore:InfluxDb:Database"] = "community",
        });

        var error = await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(() => host.StartAsync());

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownBackendIsRefusedNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["TelemetryStore:Backend"] = "Mongo" }));

        Assert.Contains("TelemetryStore:Backend", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, InfluxDb", error.Message, StringComparison.Ordinal);
    }
}
