using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.InfluxDb;

/// <summary>The store as the product registers it retries a transient InfluxDB answer before giving up.</summary>
public sealed class InfluxDbTransientRetryTests
{
    [Fact]
    public async Task AWriteAnsweredOnceWith503IsRetriedAndStored()
    {
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.NoContent]);
        var influx = new ScriptedInfluxHandler((path, _) => path == "/write" ? (answers.Dequeue(), "") : null);
        await using var services = Services(influx);

        var result = await services.GetRequiredService<ITelemetryWriter>().WriteAsync(OnePoint(), CancellationToken.None);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, influx.Writes.Count);
        Assert.Equal(influx.Writes[0], influx.Writes[1]);
    }

    [Fact]
    public async Task AStoreThatKeepsFailingIsReportedUnavailableAfterTheRetries()
    {
        var influx = new ScriptedInfluxHandler((path, _) => path == "/write" ? (HttpStatusCode.ServiceUnavailable, "overloaded") : null);
        await using var services = Services(influx);

        await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(
            () => services.GetRequiredService<ITelemetryWriter>().WriteAsync(OnePoint(), CancellationToken.None).AsTask());
        Assert.Equal(3, influx.Writes.Count);
    }

    private static ServiceProvider Services(ScriptedInfluxHandler influx)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTelemetryStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backend"] = "InfluxDb",
            ["InfluxDb:Url"] = "http://influx.test:8086",
            ["InfluxDb:Database"] = "retry",
            ["InfluxDb:CreateDatabase"] = "false",
        }).Build());
        services.AddHttpClient(InfluxDbTelemetryStore.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => influx);
        return services.BuildServiceProvider();
    }

    private static TelemetryBatch OnePoint()
    {
        var batch = new TelemetryBatch();
        batch.Add(new SeriesKey("light", "s", "g", "z", "d"), 1_764_000_000_000, 1, [TelemetryField.OfNumber("power_w", 1)]);
        return batch;
    }
}
