using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Notifications;

/// <summary>Against the real mosquitto of the test command: what a subscriber sees when work orders change.</summary>
public sealed class MqttNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _prefix = TestServers.UniqueName("pc");
    private readonly IMqttClient _subscriber = new MqttClientFactory().CreateMqttClient();
    private readonly BlockingCollection<(string Topic, JsonDocument Body)> _received = [];
    private NotificationPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _subscriber.ApplicationMessageReceivedAsync += e =>
        {
            _received.Add((e.ApplicationMessage.Topic, JsonDocument.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload))));
            return Task.CompletedTask;
        };
        await _subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", TestServers.MosquittoPort).Build());
        await _subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"{_prefix}/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

        var options = new NotificationOptions
        {
            TopicPrefix = _prefix,
            Mqtt = new MqttNotificationOptions { Host = "127.0.0.1", Port = TestServers.MosquittoPort, ClientId = _prefix },
        };
        _pipeline = await NotificationPipeline.StartAsync(
            options, new MqttNotificationSink(options.Mqtt, _prefix, NullLogger<MqttNotificationSink>.Instance));
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _subscriber.DisconnectAsync();
        _subscriber.Dispose();
        _received.Dispose();
    }

    private (string Topic, JsonDocument Body) Next()
    {
        Assert.True(_received.TryTake(out var message, Patience), "No notification arrived on MQTT.");
        return message;
    }

    [Fact]
    public async Task ANewOrderGoesToUnassignedThenToItsCrewAndAnEscalationAlsoToTheGridManager()
    {
        var order = await _pipeline.Store.CreateAsync(
            new NewWorkOrder("Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P3, new WorkOrderLocation("tianfu-park", "north", "elm"), "front-desk"),
            new ResidentReport("hotline", "+86 138 0000 0000"));

        var created = Next();
        Assert.Equal($"{_prefix}/tianfu-park/workorders/unassigned", created.Topic);
        Assert.Equal("created", created.Body.RootElement.GetProperty("event").GetString());
        Assert.Equal(order.Id, created.Body.RootElement.GetProperty("work_order").GetProperty("id").GetString());
        Assert.DoesNotContain("138 0000", created.Body.RootElement.GetRawText(), StringComparison.Ordinal);

        await _pipeline.Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher");
        var assigned = Next();
        Assert.Equal($"{_prefix}/tianfu-park/crews/electricians-day/workorders", assigned.Topic);
        Assert.Equal("assigned", assigned.Body.RootElement.GetProperty("event").GetString());

        await _pipeline.Store.EscalateAsync(order.Id, WorkOrderPriority.P2, order.SlaDueAt, "late", "sla-escalator");
        var escalated = new[] { Next(), Next() }.OrderBy(m => m.Topic, StringComparer.Ordinal).ToArray();
        Assert.Equal($"{_prefix}/tianfu-park/crews/electricians-day/workorders", escalated[0].Topic);
        Assert.Equal($"{_prefix}/tianfu-park/managers/north/escalations", escalated[1].Topic);
        var body = escalated[1].Body.RootElement;
        Assert.Equal("escalated", body.GetProperty("event").GetString());
        Assert.Equal("P2", body.GetProperty("work_order").GetProperty("priority").GetString());
        Assert.Equal("Wang Fang", body.GetProperty("manager").GetProperty("name").GetString());
    }

    [Fact]
    public async Task CommentsStatusChangesAndAlarmClearsAreAnnouncedToo()
    {
        var opened = await _pipeline.Store.CreateForAlarmAsync(
            new NewWorkOrder("Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", "south"), "rule-engine"),
            new AlarmKey("light-dark", "light-017"));
        await _pipeline.Store.CreateForAlarmAsync(
            new NewWorkOrder("Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", "south"), "rule-engine"),
            new AlarmKey("light-dark", "light-017"));
        await _pipeline.Store.AssignAsync(opened.Order.Id, new Assignee("night-on-call"), "rule-engine");
        await _pipeline.Store.AddCommentAsync(opened.Order.Id, "On my way", "li.wei");
        await _pipeline.Store.TransitionAsync(opened.Order.Id, WorkOrderStatus.InProgress, "li.wei");
        await _pipeline.Store.AddTimelineEntryAsync(opened.Order.Id, TimelineKind.AlarmCleared, "Lamp draws power again", "rule-engine");

        var events = Enumerable.Range(0, 5).Select(_ => Next().Body.RootElement.GetProperty("event").GetString()!).ToArray();

        // The second, idempotent create announces nothing.
        Assert.Equal(["created", "assigned", "comment", "status_changed", "alarm_cleared"], events);
        Assert.False(_received.TryTake(out _, TimeSpan.FromMilliseconds(300)));
    }
}
