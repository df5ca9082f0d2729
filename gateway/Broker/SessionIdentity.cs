using System.Collections;
using MQTTnet.Formatter;

namespace ParkCommunity.Gateway.Broker;

/// <summary>What the broker remembers about a connection in MQTTnet's session items: who it is and which protocol it speaks.</summary>
internal sealed record SessionIdentity(BrokerPrincipal Principal, MqttProtocolVersion ProtocolVersion)
{
    public const string Key = "pc.identity";

    public static SessionIdentity? Of(IDictionary? items) => items?[Key] as SessionIdentity;
}
