using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using ParkCommunity.CaseSystem.Configuration;
using ParkCommunity.CaseSystem.Sla;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Notifications;

/// <summary>AddCaseSystem end to end: configuration alone makes the escalator's change reach the grid manager's topic.</summary>
public sealed class NotificationWiringTests
{
    [Fact]
    public async Task AnEscalationByTheConfiguredEscalatorReachesTheGridManagersTopic()
    {
        using var folder = new TempDirectory();
        var prefix = TestServers.UniqueName("pc");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CaseSystem:SqlitePath"] = folder.File("cases.db"),
            ["CaseSystem:CrewsPath"] = Path.Combine(AppContext.BaseDirectory, "sample-community", "crews.yaml"),
            ["CaseSystem:Notifications:TopicPrefix"] = prefix,
            ["CaseSystem:Notifications:Mqtt:Host"] = "127.0.0.1",
            ["CaseSystem:Notifications:Mqtt:Port"] = TestServers.MosquittoPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddCaseSystem(builder.Configuration.GetSection(CaseSystemOptions.Section));
        using var host = builder.Build();

        using var subscriber = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", TestServers.MosquittoPort).Build());
        await subscriber.SubscribeAsync($"{prefix}/+/managers/+/escalations");
        await host.StartAsync();
        try
        {
            var store = host.Services.GetRequiredService<IWorkOrderStore>();
            await store.CreateAsync(
                new NewWorkOrder("Bench wobbles", WorkOrderCategory.Other, WorkOrderPriority.P4, new WorkOrderLocation("tianfu-park", "south"), "front-desk"),
                new ResidentReport("hotline"));
            time.Advance(TimeSpan.FromDays(8));

            Assert.Single(await host.Services.GetRequiredService<SlaEscalator>().EscalateOverdueAsync(CancellationToken.None));

            var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.StartsWith($"{prefix}/tianfu-park/managers/south/escalations ", message, StringComparison.Ordinal);
            Assert.Contains("\"name\":\"Liu Yang\"", message, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            await subscriber.DisconnectAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
