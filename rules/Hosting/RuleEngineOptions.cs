namespace ParkCommunity.Rules.Hosting;

/// <summary>Which database holds the rule engine's schedule (the Quartz job store).</summary>
public enum JobStoreDatabase
{
    /// <summary>A local SQLite file: the single-machine default.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: production; several rule-engine nodes form a Quartz cluster on it.</summary>
    Postgres,
}

/// <summary>Section <c>Rules</c>. The alarms have their own database settings, <c>Rules:Alarms</c>.</summary>
public sealed class RuleEngineOptions
{
    public const string Section = "Rules";

    /// <summary>The folder of rule files (<c>*.yaml</c>, <c>*.yml</c>), re-read every <see cref="ReloadInterval"/>.</summary>
    public string RulesDirectory { get; set; } = "deploy/sample-community/rules";

    /// <summary>The site registry the rules select devices from.</summary>
    public string RegistryPath { get; set; } = "deploy/sample-community/registry.yaml";

    public JobStoreDatabase JobStore { get; set; } = JobStoreDatabase.Sqlite;

    /// <summary>The SQLite file of the schedule, relative to the working directory unless absolute.</summary>
    public string JobStoreSqlitePath { get; set; } = ".data/rules-schedule.db";

    /// <summary>Npgsql connection string; required when <see cref="JobStore"/> is Postgres.</summary>
    public string? JobStorePostgresConnectionString { get; set; }

    /// <summary>
    /// Join a Quartz cluster: each trigger fires on exactly one node. Only meaningful on PostgreSQL, where it is the
    /// default; a SQLite file is one machine's.
    /// </summary>
    public bool? Clustered { get; set; }

    /// <summary>This node's name in the cluster; generated when empty.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How often rule files are re-read and the schedule brought in line.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often work orders are checked against their SLA.</summary>
    public TimeSpan SlaCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many rules may be evaluated at once on this node.</summary>
    public int MaxConcurrentEvaluations { get; set; } = 4;

    internal bool IsClustered => Clustered ?? JobStore == JobStoreDatabase.Postgres;
}
