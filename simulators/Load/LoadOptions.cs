namespace ParkCommunity.Simulators.Load;

/// <summary>How the load tool speaks MQTT.</summary>
public enum LoadEngine
{
    /// <summary>One MQTTnet client per connection: a full client library, as many devices use (the default).</summary>
    Mqttnet,

    /// <summary>
    /// MQTT 3.1.1 written straight to the socket (CONNECT, QoS 1 PUBLISH, PUBACK), like a cheap embedded client:
    /// the same connections, credentials, topics and payloads at a few µs of CPU per message, so that on a small
    /// machine the load tool does not compete with the system under test for the cores. Registry devices or
    /// --username accounts, QoS 1, no --rate.
    /// </summary>
    Raw,
}

/// <summary>
/// A throughput run: <see cref="Messages"/> telemetry messages (or as many as fit in <see cref="Duration"/>)
/// from <see cref="Devices"/> devices over <see cref="Connections"/> MQTT connections, each connection
/// keeping at most <see cref="InFlight"/> unacknowledged QoS 1 publishes.
/// </summary>
public sealed class LoadOptions
{
    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    public string TopicPrefix { get; set; } = "pc";

    public string Site { get; set; } = "load";

    public int Devices { get; set; } = 100;

    /// <summary>0 means one connection per device.</summary>
    public int Connections { get; set; }

    /// <summary>Total messages; 0 means until <see cref="Duration"/> ends.</summary>
    public long Messages { get; set; } = 10_000;

    /// <summary>Messages per second per device; 0 means as fast as the in-flight window allows.</summary>
    public double Rate { get; set; }

    public TimeSpan? Duration { get; set; }

    public int InFlight { get; set; } = 100;

    /// <summary>0 or 1 (QoS 1 counts a message acknowledged when its PUBACK arrives).</summary>
    public int Qos { get; set; } = 1;

    /// <summary>Broker credentials shared by all connections; none for an anonymous broker.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// When set, the devices are the first <see cref="Devices"/> of this registry, each on its own connection
    /// with its own credentials (the demo rule), publishing on its own topic — as a real community would.
    /// </summary>
    public string? RegistryPath { get; set; }

    public LoadEngine Engine { get; set; } = LoadEngine.Mqttnet;

    public int EffectiveConnections => Connections == 0 ? Devices : Connections;

    public IEnumerable<string> Problems()
    {
        if (Devices < 1)
        {
            yield return $"--devices must be at least 1 (was {Devices}).";
        }

        if (RegistryPath is not null && Connections != 0 && Connections != Devices)
        {
            yield return $"--connections cannot be combined with --registry: each registry device uses its own connection (was {Connections}).";
        }

        if (Connections < 0 || EffectiveConnections > Math.Max(1, Devices))
        {
            yield return $"--connections must be between 1 and the number of devices ({Devices}) (was {Connections}).";
        }

        if (Messages < 0 || (Messages == 0 && Duration is null))
        {
            yield return $"--messages must be positive, or 0 together with --duration (was {Messages}).";
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            yield return $"--duration must be positive (was {d}).";
        }

        if (!double.IsFinite(Rate) || Rate < 0)
        {
            yield return $"--rate must be 0 (unlimited) or a positive number of messages per second per device (was {Rate}).";
        }

        if (InFlight is < 1 or > 65535)
        {
            yield return $"--in-flight must be 1–65535 (was {InFlight}).";
        }

        if (Qos is not (0 or 1))
        {
            yield return $"--qos must be 0 or 1 (was {Qos}).";
        }

        if (Engine == LoadEngine.Raw && (Qos != 1 || Rate != 0 || (RegistryPath is null && Connections != 0 && Connections != Devices)))
        {
            yield return "--engine raw publishes at QoS 1, as fast as the window allows, one connection per device: drop --qos 0, --rate and --connections.";
        }

        if (BrokerPort is < 1 or > 65535)
        {
            yield return $"--port must be 1–65535 (was {BrokerPort}).";
        }
    }
}

/// <summary>Counts so far; <see cref="Acknowledged"/> + <see cref="Failed"/> ≤ <see cref="Published"/>, the rest still in flight.</summary>
public sealed record LoadProgress(long Published, long Acknowledged, long Failed, TimeSpan Elapsed)
{
    public double Rate => Elapsed > TimeSpan.Zero ? Acknowledged / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// The end result of a load run; <see cref="Rate"/> is the sustained acknowledged messages per second. Duration and
/// <see cref="PublishingCpu"/> (this process's CPU time) both count from the first publish, after every connection is up.
/// </summary>
public sealed record LoadSummary(long Published, long Acknowledged, long Failed, TimeSpan Duration, TimeSpan PublishingCpu)
{
    public double Rate => Duration > TimeSpan.Zero ? Acknowledged / Duration.TotalSeconds : 0;
}
