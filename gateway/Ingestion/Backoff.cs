namespace ParkCommunity.Gateway.Ingestion;

/// <summary>Exponential backoff with full jitter, so many gateways retrying a store don't do it in step.</summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    public static TimeSpan Delay(int attempt, TimeSpan max)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        var jittered = (ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }
}
