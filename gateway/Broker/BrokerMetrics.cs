using System.Diagnostics.Metrics;

namespace ParkCommunity.Gateway.Broker;

/// <summary>The in-process broker's counters, on the meter <c>ParkCommunity.Gateway.Broker</c>.</summary>
public sealed class BrokerMetrics : IDisposable
{
    public const string MeterName = "ParkCommunity.Gateway.Broker";

    private readonly Meter _meter;
    private readonly Counter<long> _connections;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _aclDenials;
    private readonly Counter<long> _oversizePackets;
    private readonly Counter<long> _droppedMessages;
    private readonly Counter<long> _protocolViolations;
    private readonly Counter<long> _sinkFailures;

    public BrokerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _connections = _meter.CreateCounter<long>("pc.broker.connections", "{connection}", "Connections accepted after authentication");
        _authFailures = _meter.CreateCounter<long>("pc.broker.auth_failures", "{connection}", "Connections refused, by reason");
        _aclDenials = _meter.CreateCounter<long>("pc.broker.acl_denials", "{packet}", "Publishes and subscriptions refused by the topic ACL, by action");
        _oversizePackets = _meter.CreateCounter<long>("pc.broker.oversize_packets", "{packet}", "Packets declaring more than MaxPacketSize; the connection is closed");
        _droppedMessages = _meter.CreateCounter<long>("pc.broker.dropped_messages", "{message}", "Messages not queued for a subscriber whose queue was full");
        _protocolViolations = _meter.CreateCounter<long>("pc.broker.protocol_violations", "{connection}", "Connections closed for malformed packets or invalid UTF-8");
        _sinkFailures = _meter.CreateCounter<long>("pc.broker.sink_failures", "{message}", "Device messages ingestion could not make durable (not acknowledged)");
    }

    public void Connected() => _connections.Add(1);

    public void AuthenticationFailed(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AclDenied(string action) => _aclDenials.Add(1, new KeyValuePair<string, object?>("action", action));

    public void OversizePacket() => _oversizePackets.Add(1);

    public void MessageDropped() => _droppedMessages.Add(1);

    public void ProtocolViolation(string kind) => _protocolViolations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void SinkFailed() => _sinkFailures.Add(1);

    public void Dispose() => _meter.Dispose();
}
