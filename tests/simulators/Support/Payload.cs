using System.Text.Json;
using ParkCommunity.Simulators.Simulation;

namespace ParkCommunity.Simulators.Tests.Support;

/// <summary>A telemetry payload read back, as the gateway would see it.</summary>
internal sealed record Payload(long Ts, long Seq, Dictionary<string, JsonElement> Values)
{
    public static Payload Parse(byte[] bytes)
    {
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        return new Payload(
            root.GetProperty("ts").GetInt64(),
            root.GetProperty("seq").GetInt64(),
            root.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));
    }

    public static Payload Parse(OutgoingMessage message) => Parse(message.Payload);

    public double Number(string name) => Values[name].GetDouble();

    public bool Flag(string name) => Values[name].GetBoolean();
}
