using System.Net;
using Microsoft.Extensions.Options;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Broker;

/// <summary>Section <c>Gateway:Broker</c>: the in-process MQTT broker (used when <c>Gateway:BrokerMode</c> is InProcess).</summary>
public sealed class InProcessBrokerOptions
{
    public const string Section = "Gateway:Broker";

    /// <summary>The smallest packet limit accepted: a CONNECT with a device id, credentials and a will must fit.</summary>
    public const int MinMaxPacketSize = 1024;

    /// <summary>The largest size MQTT's four-byte remaining length can express, plus its five header bytes.</summary>
    public const int MaxMaxPacketSize = 268_435_455 + 5;

    /// <summary>TCP port devices connect to; 0 takes any free port (tests read it back from <see cref="InProcessBroker.LocalEndPoint"/>).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Address to listen on. The default, 127.0.0.1, serves only this machine — safe while demo secrets are in use.
    /// Set <c>0.0.0.0</c> (or one interface's address) to serve devices on the network.
    /// </summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Largest MQTT packet accepted, in bytes, header included. Advertised to MQTT 5 clients in CONNACK and enforced
    /// on every packet before its body is read. The default is twice the contract's 64 KiB payload limit, so a payload
    /// somewhat over the limit still reaches the gateway and is dead-lettered with the specific reason PayloadTooLarge,
    /// while anything larger is refused before a byte of it is buffered.
    /// </summary>
    public int MaxPacketSize { get; set; } = 128 * 1024;

    /// <summary>Messages queued for one subscriber before new ones are dropped (each drop is logged and counted).</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;

    /// <summary>How long a new connection may take to send CONNECT, and the time limit for one packet exchange.</summary>
    public TimeSpan CommunicationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often clients' keep-alive (1.5 × the client's interval) is checked; silent clients are disconnected.</summary>
    public TimeSpan KeepAliveMonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Keep sessions of clients that ask for it (MQTT 3.1.1 clean session off, MQTT 5 session expiry) across reconnects.</summary>
    public bool PersistentSessions { get; set; } = true;

    /// <summary>Internal clients (rule engine, dashboard) that may publish and subscribe anywhere under <c>{TopicPrefix}/#</c>.</summary>
    public IList<BrokerServiceAccount> ServiceAccounts { get; } = [];
}

/// <summary>An internal client of the broker: a user name and its secret hashed in mosquitto's <c>$7$</c> PBKDF2 format.</summary>
public sealed class BrokerServiceAccount
{
    public string Username { get; set; } = string.Empty;

    public string CredentialHash { get; set; } = string.Empty;
}

/// <summary>Reports every problem of <see cref="InProcessBrokerOptions"/> at once, each naming its setting.</summary>
internal sealed class InProcessBrokerOptionsValidator : IValidateOptions<InProcessBrokerOptions>
{
    private const string S = InProcessBrokerOptions.Section;

    public ValidateOptionsResult Validate(string? name, InProcessBrokerOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{S}:Port must be 0–65535 (was {options.Port}).");
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"{S}:BindAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (was \"{options.BindAddress}\").");
        }

        if (options.MaxPacketSize is < InProcessBrokerOptions.MinMaxPacketSize or > InProcessBrokerOptions.MaxMaxPacketSize)
        {
            failures.Add($"{S}:MaxPacketSize must be {InProcessBrokerOptions.MinMaxPacketSize}–{InProcessBrokerOptions.MaxMaxPacketSize} bytes (was {options.MaxPacketSize}).");
        }

        if (options.MaxPendingMessagesPerClient < 1)
        {
            failures.Add($"{S}:MaxPendingMessagesPerClient must be at least 1 (was {options.MaxPendingMessagesPerClient}).");
        }

        if (options.CommunicationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:CommunicationTimeout must be positive (was {options.CommunicationTimeout}).");
        }

        if (options.KeepAliveMonitorInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:KeepAliveMonitorInterval must be positive (was {options.KeepAliveMonitorInterval}).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ServiceAccounts.Count; i++)
        {
            var account = options.ServiceAccounts[i];
            if (string.IsNullOrWhiteSpace(account.Username))
            {
                failures.Add($"{S}:ServiceAccounts:{i}:Username must be set.");
            }
            else if (!seen.Add(account.Username))
            {
                failures.Add($"{S}:ServiceAccounts:{i}:Username \"{account.Username}\" appears more than once.");
            }

            if (!DeviceCredentials.IsWellFormed(account.CredentialHash))
            {
                failures.Add($"{S}:ServiceAccounts:{i}:CredentialHash must be a mosquitto $7$ hash ($7$iterations$salt$hash), never a plain secret.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
