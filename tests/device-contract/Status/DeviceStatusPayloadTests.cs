using System.Text;
using ParkCommunity.DeviceContract.Status;

namespace ParkCommunity.DeviceContract.Tests.Status;

public sealed class DeviceStatusPayloadTests
{
    [Theory]
    [InlineData("online", true)]
    [InlineData("offline", false)]
    [InlineData("  online\r\n", true)]
    [InlineData("\toffline ", false)]
    public void OnlineAndOfflineAreRecognisedWithSurroundingWhitespaceIgnored(string payload, bool expected)
    {
        Assert.True(DeviceStatusPayload.TryParse(Encoding.UTF8.GetBytes(payload), out var online));

        Assert.Equal(expected, online);
    }

    [Theory]
    [InlineData("Online")]
    [InlineData("OFFLINE")]
    [InlineData("\"online\"")]
    [InlineData("on line")]
    [InlineData("")]
    [InlineData("1")]
    public void AnythingElseIsNotAStatus(string payload)
    {
        Assert.False(DeviceStatusPayload.TryParse(Encoding.UTF8.GetBytes(payload), out var online));

        Assert.False(online);
    }
}
