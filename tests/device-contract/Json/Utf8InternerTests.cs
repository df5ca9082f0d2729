using ParkCommunity.DeviceContract.Json;

namespace ParkCommunity.DeviceContract.Tests.Json;

public sealed class Utf8InternerTests
{
    [Fact]
    public void TheSameBytesYieldTheSameStringInstance()
    {
        var interner = new Utf8Interner(capacity: 8, maxBytes: 32);

        Assert.Same(interner.Intern("auto"u8), interner.Intern("auto"u8));
    }

    [Fact]
    public void ATableAtCapacityStillReturnsCorrectStringsButGrowsNoFurther()
    {
        var interner = new Utf8Interner(capacity: 2, maxBytes: 32);

        interner.Intern("a"u8);
        interner.Intern("b"u8);
        var third = interner.Intern("c"u8);

        Assert.Equal("c", third);
        Assert.Equal(2, interner.Count);
        Assert.NotSame(third, interner.Intern("c"u8));
    }

    [Fact]
    public void StringsLongerThanTheByteLimitAreNotRemembered()
    {
        var interner = new Utf8Interner(capacity: 8, maxBytes: 4);

        Assert.Equal("longer", interner.Intern("longer"u8));
        Assert.Equal(0, interner.Count);
    }

    [Fact]
    public void MultiByteTextIsDecodedCorrectly()
    {
        var interner = new Utf8Interner(capacity: 8, maxBytes: 32);

        Assert.Equal("café ☕", interner.Intern("café ☕"u8));
    }
}
