using Microsoft.Extensions.Options;
using Npgsql;

namespace ParkCommunity.CaseSystem.Configuration;

/// <summary>Reports every problem with the case system settings at once, each naming its configuration key.</summary>
internal sealed class CaseSystemOptionsValidator : IValidateOptions<CaseSystemOptions>
{
    public ValidateOptionsResult Validate(string? name, CaseSystemOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = CaseSystemOptions.Section + ":";
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Database))
        {
            failures.Add($"{prefix}{nameof(options.Database)} must be Sqlite or Postgres.");
        }

        if (options.Database == CaseDatabase.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            failures.Add($"{prefix}{nameof(options.SqlitePath)} must name a file when {prefix}Database is Sqlite.");
        }

        if (options.Database == CaseDatabase.Postgres)
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

        var sla = options.Sla ?? new SlaOptions();
        foreach (var (priority, limit) in new[] { ("P1", sla.P1), ("P2", sla.P2), ("P3", sla.P3), ("P4", sla.P4) })
        {
            if (limit <= TimeSpan.Zero || limit > TimeSpan.FromDays(365))
            {
                failures.Add($"{prefix}Sla:{priority} must be more than zero and at most 365 days, not {limit}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
