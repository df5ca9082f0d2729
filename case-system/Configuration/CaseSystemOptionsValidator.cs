using Microsoft.Extensions.Options;
using Npgsql;
using ParkCommunity.CaseSystem.Routing;

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

        if (options.CrewsPath is { Length: > 0 } crews)
        {
            if (!File.Exists(crews))
            {
                failures.Add($"{prefix}{nameof(options.CrewsPath)} '{Path.GetFullPath(crews)}' does not exist.");
            }
            else
            {
                try
                {
                    _ = CrewRosterLoader.Load(crews);
                }
                catch (CrewRosterException exception)
                {
                    failures.AddRange(exception.Problems.Select(problem => $"{prefix}{nameof(options.CrewsPath)}: {problem}"));
                }
            }
        }

        var open311 = options.Open311 ?? new Open311.Open311Options();
        if (open311.DefaultSite is { } site && !System.Text.RegularExpressions.Regex.IsMatch(site, "^[A-Za-z0-9_-]{1,64}$"))
        {
            failures.Add($"{prefix}Open311:DefaultSite '{site}' is not a site id (1-64 characters of A-Z, a-z, 0-9, '_' or '-').");
        }

        if (!Enum.IsDefined(open311.Priority))
        {
            failures.Add($"{prefix}Open311:Priority must be P1, P2, P3 or P4.");
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
