using Microsoft.Extensions.Options;
using Npgsql;

namespace ParkCommunity.Rules.Alarms.Configuration;

/// <summary>Reports every problem with the alarm store settings at once, each naming its configuration key.</summary>
internal sealed class AlarmStoreOptionsValidator : IValidateOptions<AlarmStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = AlarmStoreOptions.Section + ":";
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Database))
        {
            failures.Add($"{prefix}{nameof(options.Database)} must be Sqlite or Postgres.");
        }

        if (options.Database == AlarmDatabase.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            failures.Add($"{prefix}{nameof(options.SqlitePath)} must name a file when {prefix}Database is Sqlite.");
        }

        if (options.Database == AlarmDatabase.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                failures.Add($"{prefix}{nameof(options.PostgresConnectionString)} is required when {prefix}Database is Postgres.");
            }
            else
            {
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                }
                catch (ArgumentException exception)
                {
                    failures.Add($"{prefix}{nameof(options.PostgresConnectionString)} is not a valid connection string: {exception.Message}");
                }
            }
        }

        if (options.KeepHistoryFor < TimeSpan.FromDays(1) || options.KeepHistoryFor > TimeSpan.FromDays(36_500))
        {
            failures.Add($"{prefix}{nameof(options.KeepHistoryFor)} must be between 1 day and 100 years (was {options.KeepHistoryFor}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
