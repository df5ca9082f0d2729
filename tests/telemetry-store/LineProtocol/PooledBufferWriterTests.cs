using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void GrowingKeepsWhatWasAlreadyWritten()
    {
        using var writer = new PooledBufferWriter(16);
        var first = Enumerable.Range(0, 10).Select(i => (byte)i).ToArray();
        first.CopyTo(writer.GetSpan(first.Length));
        writer.Advance(first.Length);

        var span = writer.GetSpan(10_000);
        span[0] = 99;
        writer.Advance(1);

        Assert.True(writer.Capacity >= 10_010);
        Assert.Equal([.. first, 99], writer.WrittenSpan.ToArray());
        Assert.Equal(writer.WrittenSpan.ToArray(), writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void ResetForgetsTheBytesButKeepsTheBuffer()
    {
        using var writer = new PooledBufferWriter(16);
        writer.GetSpan(5000);
        writer.Advance(5000);
        var capacity = writer.Capacity;

        writer.Reset();

        Assert.Equal(0, writer.WrittenCount);
        Assert.True(writer.WrittenSpan.IsEmpty);
        Assert.Equal(capacity, writer.Capacity);
    }

    [Fact]
    public void AdvancingBeyondTheAvailableSpaceIsAnError()
    {
        using var writer = new PooledBufferWriter(16);
        var available = writer.GetSpan().Length;

        var error = Assert.Throws<InvalidOperationException>(() => writer.Advance(available + 1));

        Assert.Contains("Cannot advance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterDisposeTheWriterRefusesToHandOutMemory()
    {
        var writer = new PooledBufferWriter(16);
        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan(1));
        Assert.Equal(0, writer.WrittenCount);
    }
}
