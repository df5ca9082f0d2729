namespace ParkCommunity.TestSupport;

/// <summary>
/// Waits for something that happens in another process or over a network with no completion signal
/// to await (e.g. a message relayed by an external broker). Bounded: fails after <paramref name="timeout"/>.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
