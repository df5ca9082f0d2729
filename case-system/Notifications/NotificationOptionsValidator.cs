using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>Reports every problem with the notification settings at once, each naming its configuration key.</summary>
internal sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public const int MinSecretLength = 16;

    // A single topic level: no '/', and no MQTT wildcards, which a publish topic must not contain [MQTT-3.3.2-2].
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TopicLevel();

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = NotificationOptions.Section + ":";
        var failures = new List<string>();
        if (!TopicLevel().IsMatch(options.TopicPrefix ?? ""))
        {
            failures.Add($"{prefix}TopicPrefix '{options.TopicPrefix}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'.");
        }

        if (options.Mqtt is null && options.Webhooks.Count == 0)
        {
            failures.Add($"{prefix}Mqtt or {prefix}Webhooks must be set: notifications are configured but have nowhere to go.");
        }

        if (options.Mqtt is { } mqtt)
        {
            if (string.IsNullOrWhiteSpace(mqtt.Host))
            {
                failures.Add($"{prefix}Mqtt:Host is required.");
            }

            if (mqtt.Port is < 1 or > 65535)
            {
                failures.Add($"{prefix}Mqtt:Port must be 1-65535, not {mqtt.Port}.");
            }

            if (string.IsNullOrWhiteSpace(mqtt.ClientId))
            {
                failures.Add($"{prefix}Mqtt:ClientId must not be empty.");
            }

            if (mqtt.Password is { Length: > 0 } && string.IsNullOrEmpty(mqtt.Username))
            {
                failures.Add($"{prefix}Mqtt:Password is set without {prefix}Mqtt:Username.");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var hook = options.Webhooks[i];
            var key = $"{prefix}Webhooks:{i}:";
            if (string.IsNullOrWhiteSpace(hook.Name))
            {
                failures.Add($"{key}Name is required.");
            }
            else if (!names.Add(hook.Name))
            {
                failures.Add($"{key}Name '{hook.Name}' is used by another webhook.");
            }

            if (hook.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}Url must be an absolute http or https URL, not '{hook.Url}'.");
            }

            if ((hook.Secret?.Length ?? 0) < MinSecretLength)
            {
                failures.Add($"{key}Secret must be at least {MinSecretLength} characters.");
            }

            if (hook.Timeout <= TimeSpan.Zero || hook.Timeout > TimeSpan.FromMinutes(5))
            {
                failures.Add($"{key}Timeout must be more than zero and at most 5 minutes, not {hook.Timeout}.");
            }
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{prefix}QueueCapacity must be 1-1000000, not {options.QueueCapacity}.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add($"{prefix}MaxAttempts must be 1-100, not {options.MaxAttempts}.");
        }

        if (options.InitialRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}InitialRetryDelay must be more than zero, not {options.InitialRetryDelay}.");
        }

        if (options.MaxRetryDelay < options.InitialRetryDelay)
        {
            failures.Add($"{prefix}MaxRetryDelay must be at least InitialRetryDelay ({options.InitialRetryDelay}), not {options.MaxRetryDelay}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
