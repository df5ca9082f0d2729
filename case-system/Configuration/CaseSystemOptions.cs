namespace ParkCommunity.CaseSystem.Configuration;

/// <summary>Which database holds the cases.</summary>
public enum CaseDatabase
{
    /// <summary>A local SQLite file: the single-machine default.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: production, several nodes.</summary>
    Postgres,
}

/// <summary>Section <c>CaseSystem</c>.</summary>
public sealed class CaseSystemOptions
{
    public const string Section = "CaseSystem";

    public CaseDatabase Database { get; set; } = CaseDatabase.Sqlite;

    /// <summary>The SQLite file, relative to the working directory unless absolute.</summary>
    public string SqlitePath { get; set; } = ".data/cases.db";

    /// <summary>Npgsql connection string; required when <see cref="Database"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// The crew roster (crews, shifts, grid defaults and managers), e.g. deploy/sample-community/crews.yaml. Needed for
    /// routing, Open311 intake and SLA escalation; checked on start.
    /// </summary>
    public string? CrewsPath { get; set; }

    /// <summary>Residents' reports through the Open311 GeoReport v2 endpoints.</summary>
    public Open311.Open311Options Open311 { get; set; } = new();

    /// <summary>Time allowed per priority from creation to resolution.</summary>
    public SlaOptions Sla { get; set; } = new();
}

/// <summary>Section <c>CaseSystem:Sla</c>.</summary>
public sealed class SlaOptions
{
    public TimeSpan P1 { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan P2 { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan P3 { get; set; } = TimeSpan.FromDays(3);

    public TimeSpan P4 { get; set; } = TimeSpan.FromDays(7);

    internal WorkOrders.SlaPolicy ToPolicy() => new(P1, P2, P3, P4);
}
