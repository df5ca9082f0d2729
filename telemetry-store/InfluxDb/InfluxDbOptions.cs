namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>Settings of the InfluxDB store, section <c>TelemetryStore:InfluxDb</c>.</summary>
public sealed class InfluxDbOptions
{
    /// <summary>Base URL of the HTTP API, e.g. http://influxdb:8086.</summary>
    public string? Url { get; set; }

    /// <summary>The database (1.x, 3.x) or the database name mapped to a bucket (2.x DBRP).</summary>
    public string? Database { get; set; }

    /// <summary>Retention policy to write into; empty = the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>API token (2.x, 3.x), sent as <c>Authorization: Token …</c>.</summary>
    public string? Token { get; set; }

    /// <summary>User and password (1.x with auth enabled), sent as basic authentication.</summary>
    public string? Username { get; set; }

    /// <inheritdoc cref="Username"/>
    public string? Password { get; set; }

    /// <summary>Run CREATE DATABASE on start (idempotent in 1.x). Turn off for 2.x/3.x, where buckets are made by other means.</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>How long one HTTP request may take before the store counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    internal string AuthMethod => Token is { Length: > 0 } ? "token" : Username is { Length: > 0 } ? $"user '{Username}'" : "no credentials";
}
