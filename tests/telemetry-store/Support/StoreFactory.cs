using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Sqlite;

namespace ParkCommunity.TelemetryStore.Tests.Support;

/// <summary>Stores built the way the host builds them, for tests.</summary>
internal static class StoreFactory
{
    public static SqliteTelemetryStore Sqlite(string path) =>
        new(Options.Create(new SqliteTelemetryOptions { Path = path }), new TelemetryStoreMetrics(), NullLogger<SqliteTelemetryStore>.Instance);

    public static InfluxDbTelemetryStore InfluxDb(InfluxDbOptions options, HttpMessageHandler? handler = null, TimeProvider? time = null) =>
        new(new HandlerHttpClientFactory(handler ?? new SocketsHttpHandler()), Options.Create(options), time ?? TimeProvider.System,
            new TelemetryStoreMetrics(), NullLogger<InfluxDbTelemetryStore>.Instance);

    /// <summary>Hands out clients over one handler, as the real factory does within a handler's lifetime.</summary>
    private sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
