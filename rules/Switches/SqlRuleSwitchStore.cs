using System.Data.Common;

namespace ParkCommunity.Rules.Switches;

/// <summary>
/// The SQL both backends share: one small table keyed by rule id. Times are stored as Unix milliseconds so SQLite and
/// PostgreSQL read them back identically; the upsert (<c>ON CONFLICT … DO UPDATE</c>) is spelled the same in both.
/// </summary>
public abstract class SqlRuleSwitchStore(TimeProvider time) : IRuleSwitchStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS rule_switches (
            rule_id TEXT NOT NULL PRIMARY KEY,
            enabled BOOLEAN NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at_ms BIGINT NOT NULL)
        """;

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A statement run before creating the table that keeps two nodes from racing on it, or null.</summary>
    protected abstract string? SchemaLockStatement { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (SchemaLockStatement is { } lockStatement)
        {
            await ExecuteAsync(connection, transaction, lockStatement, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, Schema, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, RuleSwitch>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rule_id, enabled, changed_by, changed_at_ms FROM rule_switches";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var switches = new Dictionary<string, RuleSwitch>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            switches[id] = new RuleSwitch(id, reader.GetBoolean(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
        }

        return switches;
    }

    public async Task<RuleSwitch> SetAsync(string ruleId, bool enabled, string by, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        // Millisecond precision, as stored, so the returned switch equals what a later read gives.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO rule_switches (rule_id, enabled, changed_by, changed_at_ms) VALUES (@id, @enabled, @by, @at)
            ON CONFLICT (rule_id) DO UPDATE SET enabled = excluded.enabled, changed_by = excluded.changed_by, changed_at_ms = excluded.changed_at_ms
            """;
        Add(command, "id", ruleId);
        Add(command, "enabled", enabled);
        Add(command, "by", by);
        Add(command, "at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new RuleSwitch(ruleId, enabled, by, at);
    }

    public async Task<bool> RemoveAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM rule_switches WHERE rule_id = @id";
        Add(command, "id", ruleId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
