namespace ParkCommunity.Gateway.Broker;

/// <summary>
/// Which user name each client id belongs to while it has a session (connected, or persisted for a reconnect).
/// MQTTnet lets any authenticated client take over any client id, session and queued messages included; binding the id
/// to the first credential that used it stops one device from taking over another's session.
/// </summary>
internal sealed class ClientIdBindings
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="clientId"/> to <paramref name="username"/>, or says who holds it.</summary>
    public bool TryBind(string clientId, string username, out string? holder)
    {
        lock (_owners)
        {
            if (_owners.TryGetValue(clientId, out holder) && !string.Equals(holder, username, StringComparison.Ordinal))
            {
                return false;
            }

            _owners[clientId] = username;
            holder = null;
            return true;
        }
    }

    /// <summary>The session is gone (clean disconnect of a non-persistent session, or deleted): the id is free again.</summary>
    public void Release(string clientId)
    {
        lock (_owners)
        {
            _owners.Remove(clientId);
        }
    }
}
