using Microsoft.Extensions.Options;
using Npgsql;

namespace ParkCommunity.Rules.Hosting;

/// <summary>Reports every problem with the rule engine's settings at once, each naming its configuration key.</summary>
internal sealed class RuleEngineOptionsValidator : IValidateOptions<RuleEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = RuleEngineOptions.Section + ":";
        var failures = new List<string>();
        if (!Directory.Exists(options.RulesDirectory))
        {
            failures.Add($"{prefix}{nameof(options.RulesDirectory)}: folder '{options.RulesDirectory}' does not exist (working directory {Environment.CurrentDirectory}).");
        }

        if (!File.Exists(options.RegistryPath))
        {
            failures.Add($"{prefix}{nameof(options.RegistryPath)}: file '{options.RegistryPath}' does not exist (working directory {Environment.CurrentDirectory}).");
        }

        switch (options.JobStore)
        {
            case JobStoreDatabase.Sqlite:
                if (string.IsNullOrWhiteSpace(options.JobStoreSqlitePath))
                {
                    failures.Add($"{prefix}{nameof(options.JobStoreSqlitePath)} must name a file when {prefix}JobStore is Sqlite.");
                }

                if (options.Clustered == true)
                {
                    failures.Add($"{prefix}{nameof(options.Clustered)} needs {prefix}JobStore Postgres: a SQLite file cannot be shared by several nodes.");
                }

                break;
            case JobStoreDatabase.Postgres:
                ValidatePostgres(options.JobStorePostgresConnectionString, prefix, failures);
                break;
            default:
                failures.Add($"{prefix}{nameof(options.JobStore)} must be Sqlite or Postgres.");
                break;
        }

        CheckRange(failures, $"{prefix}{nameof(options.ReloadInterval)}", options.ReloadInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(failures, $"{prefix}{nameof(options.SlaCheckInterval)}", options.SlaCheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (options.MaxConcurrentEvaluations is < 1 or > 64)
        {
            failures.Add($"{prefix}{nameof(options.MaxConcurrentEvaluations)} must be between 1 and 64, not {options.MaxConcurrentEvaluations}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePostgres(string? connectionString, string prefix, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{prefix}JobStorePostgresConnectionString is required when {prefix}JobStore is Postgres.");
            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            failures.Add($"{prefix}JobStorePostgresConnectionString is not a valid connection string: {exception.Message}");
        }
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max}, not {value}.");
        }
    }
}
