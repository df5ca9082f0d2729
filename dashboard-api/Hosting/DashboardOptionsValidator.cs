using Microsoft.Extensions.Options;
using Npgsql;

namespace ParkCommunity.DashboardApi.Hosting;

/// <summary>Reports every problem of <see cref="DashboardOptions"/> at once, each naming its setting.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private const string P = DashboardOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RegistryPath))
        {
            failures.Add($"{P}RegistryPath must name the site registry file.");
        }
        else if (!File.Exists(options.RegistryPath))
        {
            failures.Add($"{P}RegistryPath: no file at {Path.GetFullPath(options.RegistryPath)} (relative paths are resolved from {Environment.CurrentDirectory}).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{P}DataDirectory must name a folder for the dashboard's files.");
        }

        if (!Enum.IsDefined(options.Database))
        {
            failures.Add($"{P}Database must be Sqlite or Postgres (was {options.Database}).");
        }
        else if (options.Database == DashboardDatabaseKind.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            failures.Add($"{P}SqlitePath must name a file when {P}Database is Sqlite.");
        }
        else if (options.Database == DashboardDatabaseKind.Postgres)
        {
            CheckPostgres(options.PostgresConnectionString, failures);
        }

        if (options.InitialAdminPassword is { } initial
            && (initial.Length < Accounts.AccountEndpoints.MinPasswordLength || Accounts.DemoAccounts.All.Any(d => d.Password == initial)))
        {
            failures.Add($"{P}InitialAdminPassword must be at least {Accounts.AccountEndpoints.MinPasswordLength} characters and not a demo password.");
        }

        Positive(options.OfflineAfter, "OfflineAfter", TimeSpan.FromDays(30), failures);
        Positive(options.StatusPollInterval, "StatusPollInterval", TimeSpan.FromHours(1), failures);
        Positive(options.TokenLifetime, "TokenLifetime", TimeSpan.FromDays(30), failures);
        if (options.SignInPermitsPerMinute < 1)
        {
            failures.Add($"{P}SignInPermitsPerMinute must be at least 1 (was {options.SignInPermitsPerMinute}).");
        }

        if (options.LiveQueueCapacity is < 1 or > 100_000)
        {
            failures.Add($"{P}LiveQueueCapacity must be between 1 and 100000 (was {options.LiveQueueCapacity}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPostgres(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{P}PostgresConnectionString is required when {P}Database is Postgres.");
            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            failures.Add($"{P}PostgresConnectionString is not a valid connection string: {exception.Message}");
        }
    }

    private static void Positive(TimeSpan value, string property, TimeSpan max, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add($"{P}{property} must be more than zero and at most {max} (was {value}).");
        }
    }
}
