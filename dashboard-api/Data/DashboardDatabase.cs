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

    /// <summary>Creates the tables that are missing; safe to run from several nodes at once.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var statement in DashboardSchema.Statements(IdentityColumn))
            {
                await connection.Sql(statement).ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
