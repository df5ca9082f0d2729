namespace ParkCommunity.CaseSystem.Storage;

/// <summary>
/// The versioned schema of the case store, shared by SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT) so
/// both engines compare and index them the same way. Add a migration by appending to <see cref="Migrations"/>; never
/// edit one that has shipped.
/// </summary>
internal static class CaseSchema
{
    /// <summary>Statements per version; <c>{identity}</c> is the engine's auto-increment primary key column type.</summary>
    private static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE work_orders (
                id TEXT NOT NULL PRIMARY KEY,
                title TEXT NOT NULL,
                category TEXT NOT NULL,
                priority TEXT NOT NULL,
                sla_due_at BIGINT NOT NULL,
                site TEXT NOT NULL,
                grid TEXT NOT NULL,
                zone TEXT NULL,
                device TEXT NULL,
                source_kind TEXT NOT NULL,
                alarm_key TEXT NULL,
                report_channel TEXT NULL,
                callback_contact TEXT NULL,
                assignee_crew TEXT NULL,
                assignee_person TEXT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                version INTEGER NOT NULL)
            """,
            // The idempotency rule for alarms lives here, in the database, so racing rule nodes cannot break it:
            // at most one work order per alarm key that is not yet closed or cancelled.
            """
            CREATE UNIQUE INDEX ux_work_orders_active_alarm ON work_orders (alarm_key)
                WHERE alarm_key IS NOT NULL AND status NOT IN ('closed', 'cancelled')
            """,
            "CREATE INDEX ix_work_orders_status_grid ON work_orders (status, grid)",
            "CREATE INDEX ix_work_orders_created ON work_orders (created_at, id)",
            """
            CREATE TABLE work_order_timeline (
                seq {identity},
                work_order_id TEXT NOT NULL REFERENCES work_orders (id),
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                text TEXT NULL)
            """,
            "CREATE INDEX ix_work_order_timeline_order ON work_order_timeline (work_order_id, seq)",
            // One counter per year gives readable ids (WO-2026-000123); a lost create race leaves a gap, which is fine.
            "CREATE TABLE work_order_sequences (year INTEGER NOT NULL PRIMARY KEY, last_value BIGINT NOT NULL)",
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    public static IEnumerable<string> StatementsFor(int version, string identityColumn) =>
        Migrations[version - 1].Select(sql => sql.Replace("{identity}", identityColumn, StringComparison.Ordinal));
}
