using ParkCommunity.TelemetryStore.InfluxDb;

namespace ParkCommunity.TelemetryStore.Tests.InfluxDb;

public sealed class InfluxDbWriteErrorTests
{
    [Fact]
    public void A1xPartialWriteNamesTheConflictAndTheDroppedCount()
    {
        var error = InfluxDbWriteError.Parse("""{"error":"partial write: field type conflict: input field \"on\" on measurement \"light\" is type float, already exists as type boolean dropped=3"}""");

        var conflict = Assert.Single(error.Conflicts);
        Assert.Equal(("light", "on", "float"), (conflict.Measurement, conflict.Field, conflict.InputType));
        Assert.Equal(3, error.Dropped);
        Assert.True(error.KeptTheRest);
    }

    [Fact]
    public void A2xParseErrorNamesItsLine()
    {
        var error = InfluxDbWriteError.Parse("""{"code":"invalid","message":"unable to parse 'light power_w=': missing field value","line":2}""");

        Assert.Equal(2, Assert.Single(error.Lines).LineNumber);
        Assert.Empty(error.Conflicts);
    }

    [Fact]
    public void APlainTextBodyIsTheMessage()
    {
        var error = InfluxDbWriteError.Parse("413 Request Entity Too Large\n");

        Assert.Equal("413 Request Entity Too Large", error.Message);
        Assert.Empty(error.Lines);
    }
}
