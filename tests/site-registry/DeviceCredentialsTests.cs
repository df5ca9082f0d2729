using System.Diagnostics;
using ParkCommunity.TestSupport;

namespace ParkCommunity.SiteRegistry.Tests;

public sealed class DeviceCredentialsTests
{
    [Fact]
    public void AHashVerifiesItsSecretAndNoOther()
    {
        var hash = DeviceCredentials.Hash("correct horse");

        Assert.Matches(@"^\$7\$1000\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$", hash);
        Assert.True(DeviceCredentials.Verify("correct horse", hash));
        Assert.False(DeviceCredentials.Verify("correct horse!", hash));
        Assert.False(DeviceCredentials.Verify(null, hash));
    }

    [Fact]
    public void TheSameSecretHashesDifferentlyEachTime() =>
        Assert.NotEqual(DeviceCredentials.Hash("x"), DeviceCredentials.Hash("x"));

    [Theory]
    [InlineData("")]
    [InlineData("plain-secret")]
    [InlineData("$6$1000$c2FsdA==$aGFzaA==")]
    [InlineData("$7$abc$c2FsdA==$aGFzaA==")]
    [InlineData("$7$1000$not base64$aGFzaA==")]
    public void AMalformedHashVerifiesNothing(string hash)
    {
        Assert.False(DeviceCredentials.IsWellFormed(hash));
        Assert.False(DeviceCredentials.Verify("anything", hash));
    }

    [Fact]
    public void HashesWrittenByMosquittoPasswdVerify()
    {
        using var folder = new TempDirectory();
        var file = folder.File("passwords");
        using (var tool = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-c", "-b", file, "light-n-001", "demo-light-n-001"]) { RedirectStandardError = true })!)
        {
            tool.WaitForExit(TimeSpan.FromSeconds(20));
            Assert.Equal(0, tool.ExitCode);
        }

        var hash = File.ReadAllText(file).Trim().Split(':', 2)[1];

        Assert.StartsWith("$7$", hash, StringComparison.Ordinal);
        Assert.True(DeviceCredentials.Verify("demo-light-n-001", hash));
        Assert.False(DeviceCredentials.Verify("demo-light-n-002", hash));
    }
}
