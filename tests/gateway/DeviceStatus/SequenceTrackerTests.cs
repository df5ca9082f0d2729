using ParkCommunity.Gateway.DeviceStatus;

namespace ParkCommunity.Gateway.Tests.DeviceStatus;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void ConsecutiveNumbersAreNeitherGapsNorDuplicates()
    {
        var tracker = new SequenceTracker();
        for (var seq = 5; seq < 10; seq++)
        {
            Assert.Equal(SequenceObservation.InOrder, tracker.Observe(seq));
        }

        Assert.Equal(0, tracker.Gaps);
        Assert.Equal(0, tracker.Duplicates);
    }

    [Fact]
    public void AJumpForwardCountsTheSkippedNumbersAsMissing()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(1);

        var observation = tracker.Observe(5);

        Assert.Equal(3, observation.Missing);
        Assert.Equal(3, tracker.Gaps);
    }

    [Fact]
    public void ANumberSeenBeforeIsADuplicate()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(7);
        tracker.Observe(8);

        var observation = tracker.Observe(8);

        Assert.True(observation.Duplicate);
        Assert.Equal(1, tracker.Duplicates);
        Assert.Equal(0, tracker.Gaps);
    }

    [Fact]
    public void ACounterRestartingFromZeroStartsANewRun()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(41);
        tracker.Observe(42);

        Assert.Equal(SequenceObservation.InOrder, tracker.Observe(0));
        Assert.Equal(SequenceObservation.InOrder, tracker.Observe(1));
        Assert.Equal(0, tracker.Duplicates);
    }
}
