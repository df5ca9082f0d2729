namespace ParkCommunity.Rules.Alarms.Configuration;

/// <summary>Which database holds the alarms.</summary>
public enum AlarmDatabase
{
    /// <summary>A local SQLite file: the single-machine default.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database: production, several rule-engine nodes.</summary>
    Postgres,
}

/// <summary>Section <c>Rules:Alarms</c> (or whichever section the host passes to <see cref="AlarmServiceCollectionExtensions.AddAlarms"/>).</summary>
public sealed class AlarmStoreOptions
{
    public const string Section = "Rules:Alarms";

    public AlarmDatabase Database { get; set; } = AlarmDatabase.Sqlite;

    /// <summary>The SQLite file, relative to the working directory unless absolute.</summary>
    public string SqlitePath { get; set; } = ".data/alarms.db";

    /// <summary>Npgsql connection string; required when <see cref="Database"/> is Postgres. May be the case system's database.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// How long cleared alarms and the history of alarms no longer current are kept; older ones are deleted once a day.
    /// The history of a current alarm is kept whole, however old.
    /// </summary>
    public TimeSpan KeepHistoryFor { get; set; } = TimeSpan.FromDays(400);
}
