namespace ParkCommunity.Simulators.Simulation;

/// <summary>Which of a device's topics a message goes to.</summary>
internal enum MessageChannel
{
    Telemetry,
    Event,
}

/// <summary>
/// A message a simulated device sends. <see cref="Timestamp"/> is the simulated time it describes (its
/// payload's <c>ts</c> unless a clock-skew fault shifted that); <see cref="Malformed"/> marks an injected bad payload.
/// </summary>
internal sealed record OutgoingMessage(MessageChannel Channel, byte[] Payload, DateTimeOffset Timestamp, bool Malformed = false);
