namespace ParkCommunity.DashboardApi.Hosting;

/// <summary>Which database holds accounts and the audit log.</summary>
internal enum DashboardDatabaseKind
{
    /// <summary>A local SQLite file: the single-machine default.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: production, several nodes.</summary>
    Postgres,
}

/// <summary>Section <c>Dashboard</c>.</summary>
internal sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The site registry file (sites, grids, zones, devices).</summary>
    public string RegistryPath { get; set; } = "deploy/sample-community/registry.yaml";

    /// <summary>Folder for the dashboard's own files (SQLite database, data-protection keys).</summary>
    public string DataDirectory { get; set; } = ".data";

    public DashboardDatabaseKind Database { get; set; } = DashboardDatabaseKind.Sqlite;

    /// <summary>The SQLite file; relative paths are resolved inside <see cref="DataDirectory"/>.</summary>
    public string SqlitePath { get; set; } = "dashboard.db";

    /// <summary>Npgsql connection string; required when <see cref="Database"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Create the documented demo accounts on first start (the embedded run). Production refuses to start while any keeps its demo password.</summary>
    public bool SeedDemoAccounts { get; set; }

    /// <summary>
    /// When set and no account <c>admin</c> exists, one is created with this password at start: the first account of a
    /// fresh production database. Give it through an environment variable or secret store, never a committed file.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>A device not heard from for this long counts as offline.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the live poller reads device status from the telemetry store.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a bearer token from <c>POST /api/auth/token</c> and a sign-in cookie stay valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in and token requests allowed per client address and minute (brute-force brake).</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Bound of each live subscriber's queue; a slow subscriber loses its oldest updates beyond it.</summary>
    public int LiveQueueCapacity { get; set; } = 256;

    /// <summary>The SQLite file's full path.</summary>
    public string SqliteFullPath => Path.GetFullPath(Path.Combine(DataDirectory, SqlitePath));
}
