using System.Data.Common;
using System.Globalization;

namespace ParkCommunity.SqlStorage;

/// <summary>Keeps the ADO.NET ceremony out of the stores: build a command fluently, run it, dispose it.</summary>
public static class DbCommandExtensions
{
    public static DbCommand Sql(this DbConnection connection, string sql) => connection.Sql(null, sql);

    public static DbCommand Sql(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Callers pass constant SQL plus generated parameter placeholders; values always go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Adds one parameter per value and returns the placeholders, e.g. "@grid0, @grid1".</summary>
    public static string WithList(this DbCommand command, string prefix, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            command.With(name, value);
            names.Add(name);
        }

        return string.Join(", ", names);
    }

    public static async Task<int> ExecuteAndDisposeAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<object?> ScalarAndDisposeAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<T>> ReadAndDisposeAsync<T>(
        this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var results = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    results.Add(read(reader));
                }

                return results;
            }
        }
    }

    public static string? NullableString(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
