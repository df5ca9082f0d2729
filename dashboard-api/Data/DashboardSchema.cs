namespace ParkCommunity.DashboardApi.Data;

/// <summary>
/// The dashboard's tables. Times are epoch milliseconds (BIGINT) so both engines sort and compare them the same way.
/// </summary>
internal static class DashboardSchema
{
    public static IEnumerable<string> Statements(string identityColumn)
    {
        yield return """
            CREATE TABLE IF NOT EXISTS accounts(
                username TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                grids TEXT NOT NULL,
                crew_id TEXT NULL,
                site TEXT NULL,
                created_at BIGINT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE IF NOT EXISTS audit_log(
                id {identityColumn},
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NULL,
                ip TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS ix_audit_log_at ON audit_log(at)";
    }
}
