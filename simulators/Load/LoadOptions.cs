namespace ParkCommunity.Simulators.Load;

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

/// <summary>The end result of a load run; <see cref="Rate"/> is the sustained acknowledged messages per second.</summary>
public sealed record LoadSummary(long Published, long Acknowledged, long Failed, TimeSpan Duration)
{
    public double Rate => Duration > TimeSpan.Zero ? Acknowledged / Duration.TotalSeconds : 0;
}
