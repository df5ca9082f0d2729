using System.Text;
using ParkCommunity.DeviceContract.Topics;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.ExternalBroker.Mosquitto;

/// <summary>An internal client of the broker (the gateway, the rule engine) with its credential hash.</summary>
public sealed record ServiceAccount(string Username, string CredentialHash);

/// <summary>
/// Generates mosquitto's password file, per-device ACL and a configuration snippet from the registry.
/// The registry keeps credentials in mosquitto's own <c>$7$</c> PBKDF2-SHA512 format, so no secret is needed.
/// </summary>
public static class MosquittoConfigWriter
{
    public const string PasswordFile = "passwords";
    public const string AclFile = "acl";
    public const string ConfigFile = "parkcommunity.conf";

    public static void Write(CommunityRegistry registry, string outputDirectory, string topicPrefix, IReadOnlyList<ServiceAccount> serviceAccounts)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(serviceAccounts);
        Directory.CreateDirectory(outputDirectory);
        var directory = Path.GetFullPath(outputDirectory);

        var passwords = new StringBuilder();
        var acl = new StringBuilder($"# Generated from {registry.SourcePath}: each device may publish only on its own topics.\n");
        foreach (var device in registry.Devices)
        {
            passwords.Append(device.Id).Append(':').Append(device.Device.CredentialHash).Append('\n');
            var own = DeviceTopic.Format(topicPrefix, device.Site.Id, device.Kind, device.Id, TopicChannel.Telemetry);
            acl.Append("\nuser ").Append(device.Id).Append('\n')
               .Append("topic write ").Append(own[..own.LastIndexOf('/')]).Append("/+\n");
        }

        foreach (var account in serviceAccounts)
        {
            passwords.Append(account.Username).Append(':').Append(account.CredentialHash).Append('\n');
            acl.Append("\nuser ").Append(account.Username).Append('\n')
               .Append("topic readwrite ").Append(topicPrefix).Append("/#\n");
        }

        File.WriteAllText(Path.Combine(directory, PasswordFile), passwords.ToString());
        File.WriteAllText(Path.Combine(directory, AclFile), acl.ToString());
        File.WriteAllText(Path.Combine(directory, ConfigFile), $"""
            # ParkCommunity devices on mosquitto. Include this file from mosquitto.conf, or use it as one.
            per_listener_settings false
            allow_anonymous false
            password_file {Path.Combine(directory, PasswordFile)}
            acl_file {Path.Combine(directory, AclFile)}
            # The gateway's persistent session and its unacknowledged messages survive a broker restart only with persistence.
            persistence true
            persistence_location {Path.Combine(directory, "data")}/
            autosave_interval 1
            # Devices' payloads are at most 64 KiB; a larger packet is refused before it is read.
            max_packet_size 131072
            # Room for a gateway's backlog while it restarts (QoS 1 messages kept per session).
            max_queued_messages 1000000

            """);
    }
}
