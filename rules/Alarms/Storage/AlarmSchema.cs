namespace ParkCommunity.Rules.Alarms.Storage;

/// <summary>
/// The versioned schema of the alarm store, shared by SQLite and PostgreSQL. Times are epoch milliseconds (BIGINT) so
/// both engines compare and index them the same way. Add a migration by appending to <see cref="Migrations"/>; never
/// edit one that has shipped.
/// </summary>
internal static class AlarmSchema
{
    /// <summary>Statements per version; <c>{identity}</c> is the engine's auto-increment primary key column type.</summary>
    private static readonly string[][] Migrations =
    [
        [
            // Current alarms only: a row exists while an alarm is active or clearing. The unique key is what makes a
            // second raise for the same rule and subject fail, whichever node or restart attempts it.
            """
            CREATE TABLE alarms (
                id TEXT NOT NULL PRIMARY KEY,
                rule_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                rule_name TEXT NOT NULL,
                site TEXT NOT NULL,
                grid TEXT NULL,
                zone TEXT NULL,
                device TEXT NULL,
                kind TEXT NULL,
                severity TEXT NOT NULL,
                status TEXT NOT NULL,
                raised_at BIGINT NOT NULL,
                last_held_at BIGINT NOT NULL,
                clearing_since BIGINT NULL,
                detail TEXT NOT NULL,
                acknowledged_by TEXT NULL,
                acknowledged_at BIGINT NULL,
                work_order_pending INTEGER NOT NULL,
                work_order_id TEXT NULL,
                version INTEGER NOT NULL,
                CONSTRAINT ux_alarms_rule_subject UNIQUE (rule_id, subject))
            """,
            "CREATE INDEX ix_alarms_site_grid_zone ON alarms (site, grid, zone)",
            """
            CREATE TABLE alarm_history (
                seq {identity},
                alarm_id TEXT NOT NULL,
                rule_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                kind TEXT NOT NULL,
                at BIGINT NOT NULL,
                severity TEXT NOT NULL,
                detail TEXT NULL,
                actor TEXT NULL)
            """,
            "CREATE INDEX ix_alarm_history_alarm ON alarm_history (alarm_id, seq)",
            "CREATE INDEX ix_alarm_history_subject ON alarm_history (subject, seq)",
            // An outbox: written with the clear, removed once the clear is noted on the alarm's work order, so a crash
            // or a case store outage in between delays the note instead of losing it.
            """
            CREATE TABLE alarm_clear_notes (
                alarm_id TEXT NOT NULL PRIMARY KEY,
                rule_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                cleared_at BIGINT NOT NULL,
                detail TEXT NULL)
            """,
            "CREATE INDEX ix_alarm_clear_notes_rule ON alarm_clear_notes (rule_id)",
        ],
        [
            // Cleared alarms as they were at their clear: the same columns as alarms, plus when. Alarms cleared before
            // this version are only in the history.
            """
            CREATE TABLE cleared_alarms (
                id TEXT NOT NULL PRIMARY KEY,
                rule_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                rule_name TEXT NOT NULL,
                site TEXT NOT NULL,
                grid TEXT NULL,
                zone TEXT NULL,
                device TEXT NULL,
                kind TEXT NULL,
                severity TEXT NOT NULL,
                status TEXT NOT NULL,
                raised_at BIGINT NOT NULL,
                last_held_at BIGINT NOT NULL,
                clearing_since BIGINT NULL,
                detail TEXT NOT NULL,
                acknowledged_by TEXT NULL,
                acknowledged_at BIGINT NULL,
                work_order_pending INTEGER NOT NULL,
                work_order_id TEXT NULL,
                version INTEGER NOT NULL,
                cleared_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_cleared_alarms_cleared_at ON cleared_alarms (cleared_at)",
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    public static IEnumerable<string> StatementsFor(int version, string identityColumn) =>
        Migrations[version - 1].Select(sql => sql.Replace("{identity}", identityColumn, StringComparison.Ordinal));
}
