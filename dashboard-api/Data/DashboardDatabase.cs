using System.Data.Common;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.DashboardApi.Data;

/// <summary>
/// The database behind accounts and the audit log: SQLite by default, PostgreSQL in production. Both stores speak
/// portable SQL with <c>@name</c> parameters; the engines differ only in how a connection opens and a few dialect words.
/// </summary>
internal abstract class DashboardDatabase
{
    /// <summary>Where the database lives, for messages (a file path or host/database).</summary>
    public abstract string Location { get; }

    /// <summary>Column type of an auto-increment primary key.</summary>
    public abstract string IdentityColumn { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that holds the write lock from its start (SQLite), so two nodes migrating at once queue.</summary>
    protected abstract ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Run first in the migration transaction where the engine needs it to serialise nodes (PostgreSQL's advisory lock).</summary>
    protected virtual string? SchemaLockStatement => null;

    /// <summary>Brings the schema to <see cref="DashboardSchema.LatestVersion"/>; safe to run from several nodes at once.</summary>
    public async Task EnsureSchemaAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await SchemaMigrations.ApplyAsync(
                        connection, transaction, SchemaLockStatement, "dashboard_schema", "dashboard", DashboardSchema.LatestVersion,
                        version => DashboardSchema.StatementsFor(version, IdentityColumn), now, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
