namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Exponential backoff with jitter: the delay doubles per failed attempt up to a cap, and each wait is drawn between
/// half and all of it, so many nodes retrying one endpoint after an outage do not hit it in lockstep.
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double random)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var capped = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random / 2)));
    }
}
