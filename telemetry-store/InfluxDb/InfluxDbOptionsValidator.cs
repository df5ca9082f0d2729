using Microsoft.Extensions.Options;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>Reports every problem of <see cref="InfluxDbOptions"/> at once, each naming its setting.</summary>
internal sealed class InfluxDbOptionsValidator : IValidateOptions<InfluxDbOptions>
{
    private const string Section = "TelemetryStore:InfluxDb:";

    public ValidateOptionsResult Validate(string? name, InfluxDbOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}Url '{options.Url}' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8086.");
        }

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            failures.Add($"{Section}Database is empty: give the database (1.x/3.x) or the DBRP-mapped name of the bucket (2.x).");
        }

        if (options.Token is { Length: > 0 } && (options.Username is { Length: > 0 } || options.Password is { Length: > 0 }))
        {
            failures.Add($"{Section}Token and {Section}Username/Password are both set: use a token (2.x/3.x) or a user and password (1.x), not both.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{Section}Username and {Section}Password must be given together.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}Timeout {options.Timeout} must be more than zero and at most 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
