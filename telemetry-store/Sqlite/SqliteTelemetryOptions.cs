using Microsoft.Extensions.Options;

namespace ParkCommunity.TelemetryStore.Sqlite;

/// <summary>Settings of the embedded store, section <c>TelemetryStore:Sqlite</c>.</summary>
public sealed class SqliteTelemetryOptions
{
    /// <summary>The database file; a relative path is resolved from the working directory. Its folder is created.</summary>
    public string Path { get; set; } = ".data/telemetry.db";
}

internal sealed class SqliteTelemetryOptionsValidator : IValidateOptions<SqliteTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteTelemetryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail("TelemetryStore:Sqlite:Path is empty: give the telemetry database file, e.g. .data/telemetry.db.");
        }

        return options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0
            ? ValidateOptionsResult.Fail($"TelemetryStore:Sqlite:Path '{options.Path}' contains characters that cannot be in a path.")
            : ValidateOptionsResult.Success;
    }
}
