using ParkCommunity.Gateway.Spool;

namespace ParkCommunity.Gateway.Tests.Spool;

public sealed class SpoolOptionsValidatorTests
{
    private readonly SpoolOptionsValidator _validator = new();

    [Fact]
    public void TheDefaultsAreValid()
    {
        var result = _validator.Validate(null, new SpoolOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void EveryBadSettingIsReportedByItsName()
    {
        var options = new SpoolOptions { Directory = " ", MaxBytes = 1000, SegmentBytes = 2048, WhenFull = (SpoolFullPolicy)7 };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Gateway:Spool:Directory", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Spool:SegmentBytes 2048", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Spool:MaxBytes 1000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Spool:WhenFull", StringComparison.Ordinal));
    }

    [Fact]
    public void ASpoolSmallerThanTwoSegmentsIsRefused()
    {
        var options = new SpoolOptions { MaxBytes = 16L << 20, SegmentBytes = 16L << 20 };

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.Contains("at least twice Gateway:Spool:SegmentBytes", failure, StringComparison.Ordinal);
    }
}
