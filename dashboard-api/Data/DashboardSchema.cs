namespace ParkCommunity.DashboardApi.Data;

/// <summary>
/// The versioned schema of the dashboard's tables. Times are epoch milliseconds (BIGINT) so both engines sort and compare
/// them the same way. Add a migration by appending to <see cref="Migrations"/>; never edit one that has shipped.
/// </summary>
internal static class DashboardSchema
{
    /// <summary>Statements per version; <c>{identity}</c> is the engine's auto-increment primary key column type.</summary>
    private static readonly string[][] Migrations =
    [
        [
            // "IF NOT EXISTS": databases made before the schema was versioned already have these tables.
            """
            CREATE TABLE IF NOT EXISTS accounts(
                username TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                grids TEXT NOT NULL,
                crew_id TEXT NULL,
                site TEXT NULL,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS audit_log(
                id {identity},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NULL,
                ip TEXT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log(at)",
        ],
        [
            // Moves whenever an account's access changes, so sessions and tokens issued before stop working.
            "ALTER TABLE accounts ADD COLUMN access_version INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE accounts ADD COLUMN disabled_at BIGINT NULL",
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    public static IEnumerable<string> StatementsFor(int version, string identityColumn) =>
        Migrations[version - 1].Select(sql => sql.Replace("{identity}", identityColumn, StringComparison.Ordinal));
}
