using System.Data.Common;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.DashboardApi.Data;

/// <summary>The embedded default: one SQLite file in WAL mode, so audit reads never wait for a writer.</summary>
internal sealed class SqliteDashboardDatabase : DashboardDatabase
{
    private readonly string _connectionString;

    public SqliteDashboardDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
        _connectionString = SqliteFiles.ConnectionString(Location);
    }

    public override string Location { get; }

    public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteFiles.OpenAsync(_connectionString, "PRAGMA journal_mode = WAL", cancellationToken);

    protected override ValueTask<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SqliteFiles.BeginWriteTransaction(connection));
}
