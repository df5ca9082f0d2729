namespace ParkCommunity.Gateway.DeviceStatus;

/// <summary>
/// Follows a device's <c>seq</c> counter to make loss between device and broker visible: a jump
/// forward counts the skipped numbers as a gap, a number seen before (a redelivery, or a device
/// resending) counts as a duplicate. A device that restarts its counter from 0 starts a new run
/// rather than counting as a duplicate.
/// </summary>
public sealed class SequenceTracker
{
    private readonly Lock _gate = new();
    private long _last = -1;

    public long Gaps { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Records <paramref name="seq"/>; returns how many numbers were missing before it (0 if none).</summary>
    public SequenceObservation Observe(long seq)
    {
        lock (_gate)
        {
            if (_last < 0 || seq == 0)
            {
                _last = seq;
                return SequenceObservation.InOrder;
            }

            if (seq == _last + 1)
            {
                _last = seq;
                return SequenceObservation.InOrder;
            }

            if (seq > _last)
            {
                var missing = seq - _last - 1;
                Gaps += missing;
                _last = seq;
                return new SequenceObservation(missing, false);
            }

            Duplicates++;
            return new SequenceObservation(0, true);
        }
    }
}

/// <summary>What one sequence number told: how many numbers were skipped before it, or that it was seen already.</summary>
public readonly record struct SequenceObservation(long Missing, bool Duplicate)
{
    public static SequenceObservation InOrder => default;
}
