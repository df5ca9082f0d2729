using System.Data.Common;
using Npgsql;

namespace ParkCommunity.DashboardApi.Data;

/// <summary>Accounts and audit log in a shared PostgreSQL database, so several dashboard nodes see the same ones.</summary>
internal sealed class PostgresDashboardDatabase : DashboardDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDashboardDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Location { get; }

    public override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override string SchemaLockStatement => $"SELECT pg_advisory_xact_lock({SchemaLockKey})";

    /// <summary>An arbitrary constant of this schema's own, so dashboard nodes serialise their migrations and nothing else.</summary>
    private const long SchemaLockKey = 0x5043_4441_5348; // "PCDASH"

    protected override async ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
