using Microsoft.Extensions.Options;

namespace ParkCommunity.Gateway.Hosting;

/// <summary>Where device messages come from.</summary>
public enum BrokerMode
{
    /// <summary>The gateway runs the MQTT broker itself (MQTTnet) and takes messages from its publish interception.</summary>
    InProcess,

    /// <summary>The gateway subscribes to an external MQTT 3.1.1/5 broker such as mosquitto or EMQX.</summary>
    External,
}

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>First topic level of every device topic: <c>{TopicPrefix}/{site}/{kind}/{device}/{channel}</c>.</summary>
    public string TopicPrefix { get; set; } = "pc";

    /// <summary>The site registry file (sites, grids, zones, devices and their credential hashes).</summary>
    public string RegistryPath { get; set; } = "deploy/sample-community/registry.yaml";

    /// <summary>Folder for the gateway's own files (dead letters, device status, spool).</summary>
    public string DataDirectory { get; set; } = ".data";

    public BrokerMode BrokerMode { get; set; } = BrokerMode.InProcess;
}

/// <summary>Reports every problem of <see cref="GatewayOptions"/> at once, each naming its setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TopicPrefix) || options.TopicPrefix.AsSpan().IndexOfAny("/+#") >= 0)
        {
            failures.Add($"Gateway:TopicPrefix must be one topic level without '/', '+' or '#' (was \"{options.TopicPrefix}\").");
        }

        if (string.IsNullOrWhiteSpace(options.RegistryPath))
        {
            failures.Add("Gateway:RegistryPath must name the site registry file.");
        }
        else if (!File.Exists(options.RegistryPath))
        {
            failures.Add($"Gateway:RegistryPath: no file at {Path.GetFullPath(options.RegistryPath)} (relative paths are resolved from {Environment.CurrentDirectory}).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Gateway:DataDirectory must name a folder for the gateway's files.");
        }

        if (!Enum.IsDefined(options.BrokerMode))
        {
            failures.Add($"Gateway:BrokerMode must be InProcess or External (was {options.BrokerMode}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
