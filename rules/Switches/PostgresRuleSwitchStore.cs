using System.Data.Common;
using Npgsql;

namespace ParkCommunity.Rules.Switches;

/// <summary>The rule switches in the alarm store's PostgreSQL database; the data source is owned by the caller.</summary>
public sealed class PostgresRuleSwitchStore(NpgsqlDataSource dataSource, TimeProvider time) : SqlRuleSwitchStore(time)
{
    // Any fixed number not used by another component; the same on every node. "PCRSW".
    private const long SchemaLockKey = 0x5043_5253_57;

    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    protected override string? SchemaLockStatement => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
