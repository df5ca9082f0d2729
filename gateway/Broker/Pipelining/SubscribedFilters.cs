using MQTTnet;

namespace ParkCommunity.Gateway.Broker.Pipelining;

/// <summary>
/// The topic filters some session holds a subscription to, so a device message can be checked for subscribers without
/// going through MQTTnet: only messages nobody subscribed to take the pipelined path (<see cref="DevicePublishPipeline"/>);
/// the others go MQTTnet's way, which routes them. Erring towards "subscribed" only costs speed, so a filter is added as
/// soon as the broker grants it and removed when unsubscribed or when its session ends.
/// </summary>
internal sealed class SubscribedFilters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<string>> _byClient = new(StringComparer.Ordinal);
    private string[] _filters = [];

    public void Add(string clientId, string filter)
    {
        lock (_gate)
        {
            if (!_byClient.TryGetValue(clientId, out var filters))
            {
                _byClient[clientId] = filters = new HashSet<string>(StringComparer.Ordinal);
            }

            if (filters.Add(WithoutShareGroup(filter)))
            {
                Rebuild();
            }
        }
    }

    public void Remove(string clientId, string filter)
    {
        lock (_gate)
        {
            if (_byClient.TryGetValue(clientId, out var filters) && filters.Remove(WithoutShareGroup(filter)))
            {
                Rebuild();
            }
        }
    }

    public void RemoveClient(string clientId)
    {
        lock (_gate)
        {
            if (_byClient.Remove(clientId))
            {
                Rebuild();
            }
        }
    }

    /// <summary>Whether any held filter matches <paramref name="topic"/>; lock-free, on every device message.</summary>
    public bool AnyMatches(string topic)
    {
        foreach (var filter in Volatile.Read(ref _filters))
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return true;
            }
        }

        return false;
    }

    // $share/{group}/{filter} receives what {filter} matches [MQTT-4.8.2].
    private static string WithoutShareGroup(string filter)
    {
        if (!filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            return filter;
        }

        var groupEnd = filter.IndexOf('/', "$share/".Length);
        return groupEnd < 0 ? filter : filter[(groupEnd + 1)..];
    }

    private void Rebuild() => Volatile.Write(ref _filters, _byClient.Values.SelectMany(f => f).Distinct(StringComparer.Ordinal).ToArray());
}
