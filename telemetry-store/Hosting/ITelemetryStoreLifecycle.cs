namespace ParkCommunity.TelemetryStore.Hosting;

/// <summary>A store that needs preparing before use (schema, database); preparing twice is harmless.</summary>
public interface ITelemetryStoreLifecycle
{
    /// <summary>Where the store lives (a file path or URL), for messages.</summary>
    string Location { get; }

    /// <summary>
    /// Connects and creates what is missing. Throws with a message naming <see cref="Location"/> when the store
    /// cannot be used. Reads and writes also prepare on first use, so tools that never start a host still work.
    /// </summary>
    Task PrepareAsync(CancellationToken cancellationToken);
}
