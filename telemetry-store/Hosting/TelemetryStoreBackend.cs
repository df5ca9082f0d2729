namespace ParkCommunity.TelemetryStore.Hosting;

/// <summary>The value of <c>TelemetryStore:Backend</c>.</summary>
public enum TelemetryStoreBackend
{
    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,

    /// <summary>InfluxDB 1.x, 2.x or 3.x over its HTTP API.</summary>
    InfluxDb,
}
