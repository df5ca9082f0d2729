using MQTTnet;
using MQTTnet.Formatter;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task ARegisteredDeviceWithItsSecretConnects()
    {
        await using var broker = await TestBroker.StartAsync();

        var (client, code) = await broker.TryConnectAsync(broker.OptionsFor("l1", BrokerTestRegistry.SecretOf("l1")));

        Assert.Equal(MqttClientConnectResultCode.Success, code);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor("l1", BrokerTestRegistry.SecretOf("l2")));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Contains(broker.LoggedMessages, m => m.Contains("Refused connection of client l1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownUserIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor("ghost", "secret-ghost"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task AServiceAccountConnectsWithItsSecret()
    {
        await using var broker = await TestBroker.StartAsync();

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor(TestBroker.ServiceAccount, TestBroker.ServiceSecret));

        Assert.Equal(MqttClientConnectResultCode.Success, code);
    }

    [Fact]
    public async Task AnotherCredentialCannotTakeOverAClientIdInUse()
    {
        await using var broker = await TestBroker.StartAsync();
        var owner = await broker.ConnectDeviceAsync("l1", clientId: "shared-id");

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor("l2", BrokerTestRegistry.SecretOf("l2"), clientId: "shared-id"));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, code);
        Assert.True(owner.IsConnected);
    }

    [Fact]
    public async Task TheSameCredentialMayReconnectUnderItsClientId()
    {
        await using var broker = await TestBroker.StartAsync();
        await broker.ConnectDeviceAsync("l1", clientId: "l1-id");

        var again = await broker.ConnectDeviceAsync("l1", clientId: "l1-id");

        Assert.True(again.IsConnected);
    }

    [Fact]
    public async Task AClientIdIsFreeAgainOnceItsSessionIsGone()
    {
        await using var broker = await TestBroker.StartAsync();
        var first = await broker.ConnectDeviceAsync("l1", clientId: "reused-id");
        var sessionDeleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        broker.Broker.Server.SessionDeletedAsync += e =>
        {
            if (e.Id == "reused-id")
            {
                sessionDeleted.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await first.DisconnectAsync();
        await sessionDeleted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor("l2", BrokerTestRegistry.SecretOf("l2"), clientId: "reused-id"));

        Assert.Equal(MqttClientConnectResultCode.Success, code);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AClientIdThatIsNotValidUtf8IsRefusedAndTheConnectionClosed(byte protocolLevel)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);

        await raw.SendAsync(RawPackets.Connect([0x6C, 0xC3, 0x28], "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel));
        var connAck = await raw.ReadPacketAsync();

        Assert.NotNull(connAck);
        Assert.Equal(0x20, connAck.Value.Header);
        // MQTT 3.1.1 return code 2 "identifier rejected"; MQTT 5 reason 0x85 "client identifier not valid".
        Assert.Equal(protocolLevel == 5 ? 0x85 : 0x02, connAck.Value.Body[1]);
        Assert.True(await raw.IsClosedByServerAsync());
    }

    [Fact]
    public async Task AClientIdContainingNulIsRefused()
    {
        await using var broker = await TestBroker.StartAsync();

        var (_, code) = await broker.TryConnectAsync(broker.OptionsFor("l1", BrokerTestRegistry.SecretOf("l1"), clientId: "l1\0x", MqttProtocolVersion.V500));

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, code);
        Assert.Contains(broker.LoggedMessages, m => m.Contains("not valid UTF-8", StringComparison.Ordinal));
    }
}
