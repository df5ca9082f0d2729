using Microsoft.Data.Sqlite;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>
/// The embedded store's tables. One row per point (series + millisecond timestamp, the same identity InfluxDB
/// gives a point) with its values as a JSON object: a point is one insert, a re-delivered point merges into the
/// row it already has, and counting points is counting rows. The field types table plays the part of InfluxDB's
/// per-measurement field schema, so the first type written for a field is the one it keeps.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS series (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL, site TEXT NOT NULL, grid TEXT NOT NULL, zone TEXT NOT NULL, device TEXT NOT NULL,
            UNIQUE (kind, site, grid, zone, device));
        CREATE INDEX IF NOT EXISTS series_device ON series (device);
        CREATE TABLE IF NOT EXISTS field_types (
            kind TEXT NOT NULL, field TEXT NOT NULL, field_type INTEGER NOT NULL,
            PRIMARY KEY (kind, field)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS points (
            series_id INTEGER NOT NULL REFERENCES series (id),
            ts INTEGER NOT NULL,
            seq INTEGER,
            fields TEXT NOT NULL,
            PRIMARY KEY (series_id, ts)) WITHOUT ROWID;
        """;

    /// <summary>
    /// Opens a connection with the settings every connection needs. WAL lets reads run beside the writer;
    /// synchronous=FULL because the gateway acknowledges a device message once its batch is committed here,
    /// so a commit must survive a power cut, not only a crash of the process.
    /// </summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
