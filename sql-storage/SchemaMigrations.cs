using System.Data.Common;
using System.Globalization;

namespace ParkCommunity.SqlStorage;

/// <summary>
/// Versioned schema migrations in a store's own version table: applies the versions after the recorded one in the
/// caller's write transaction and commits it, and refuses a database newer than this build.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>Brings the schema up to <paramref name="latest"/> and commits; returns the version the database was at.</summary>
    /// <param name="lockStatement">Run first where the engine needs it to serialise nodes migrating at once (PostgreSQL's advisory lock); null where the write transaction already does (SQLite).</param>
    /// <param name="versionTable">e.g. <c>case_schema</c>.</param>
    /// <param name="what">The database, for the error: "case", "alarm".</param>
    /// <param name="statementsFor">The statements of one version.</param>
    public static async Task<int> ApplyAsync(
        DbConnection connection, DbTransaction transaction, string? lockStatement, string versionTable, string what, int latest,
        Func<int, IEnumerable<string>> statementsFor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(statementsFor);
        if (lockStatement is not null)
        {
            await connection.Sql(transaction, lockStatement).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }

        await connection.Sql(transaction, $"CREATE TABLE IF NOT EXISTS {versionTable} (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)")
            .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        var current = Convert.ToInt32(
            await connection.Sql(transaction, $"SELECT COALESCE(MAX(version), 0) FROM {versionTable}").ScalarAndDisposeAsync(cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The {what} database is at schema version {current}, newer than this build knows ({latest}). " +
                "Upgrade this node instead of running an older build against it.");
        }

        for (var version = current + 1; version <= latest; version++)
        {
            foreach (var statement in statementsFor(version))
            {
                await connection.Sql(transaction, statement).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            }

            await connection.Sql(transaction, $"INSERT INTO {versionTable} (version, applied_at) VALUES (@version, @at)")
                .With("@version", version).With("@at", now.ToUnixTimeMilliseconds())
                .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }
}
