using System.Text;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Notifications;

public sealed class NotificationPiecesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);

    private static WorkOrder Order(Assignee? assignee) => new(
        "WO-2026-000001", "Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, At.AddHours(24),
        new WorkOrderLocation("tianfu-park", "north", "elm", "light-017"), new ResidentReport("hotline", "+86 138 0000 0000"),
        assignee, assignee is null ? WorkOrderStatus.Open : WorkOrderStatus.Assigned, At, At, 1);

    [Theory]
    [InlineData(null, "pc/tianfu-park/workorders/unassigned")]
    [InlineData("electricians-day", "pc/tianfu-park/crews/electricians-day/workorders")]
    [InlineData("a/b", "pc/tianfu-park/workorders/unassigned")]
    [InlineData("#", "pc/tianfu-park/workorders/unassigned")]
    public void TheTopicIsTheCrewsOrUnassignedWhenThereIsNoSafeCrewId(string? crew, string topic)
    {
        var change = new WorkOrderChange(TimelineKind.Assigned, Order(crew is null ? null : new Assignee(crew)), "x", null, At);

        Assert.Equal([topic], NotificationTopics.For("pc", change));
    }

    [Fact]
    public void AnEscalationAlsoGoesToTheGridManagersTopic()
    {
        var change = new WorkOrderChange(TimelineKind.Escalated, Order(new Assignee("electricians-day")), "x", null, At);

        Assert.Equal(
            ["pc/tianfu-park/crews/electricians-day/workorders", "pc/tianfu-park/managers/north/escalations"],
            NotificationTopics.For("pc", change));
    }

    [Fact]
    public void TheJsonCarriesTheOrderAndManagerButNeverTheResidentsContact()
    {
        var change = new WorkOrderChange(
            TimelineKind.Escalated, Order(new Assignee("electricians-day", "li.wei")), "sla-escalator", "late", At,
            new GridManager("north", "Wang Fang", "manager-north@example"));

        var json = Encoding.UTF8.GetString(WorkOrderChangeJson.Serialize(change));

        Assert.Equal(
            """{"event":"escalated","at":"2026-03-16T02:00:00+00:00","actor":"sla-escalator","text":"late","work_order":{"id":"WO-2026-000001","title":"Lamp dark","category":"electrical","priority":"P2","status":"assigned","sla_due_at":"2026-03-17T02:00:00+00:00","created_at":"2026-03-16T02:00:00+00:00","updated_at":"2026-03-16T02:00:00+00:00","version":1,"location":{"site":"tianfu-park","grid":"north","zone":"elm","device":"light-017"},"source":{"kind":"resident_report","channel":"hotline"},"assignee":{"crew":"electricians-day","person":"li.wei"}},"manager":{"grid":"north","name":"Wang Fang","contact":"manager-north@example"}}""",
            json);
    }

    [Fact]
    public void TheSignatureIsHmacSha256OverTimestampDotBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"created"}""");

        var signature = WebhookSignature.Compute("0123456789abcdef", 1773626400, body);

        // Reference: printf '1773626400.{"event":"created"}' | openssl dgst -sha256 -hmac 0123456789abcdef
        Assert.Equal(ExpectedSignature, signature);
        Assert.True(WebhookSignature.Verify("0123456789abcdef", 1773626400, body, signature));
        Assert.False(WebhookSignature.Verify("0123456789abcdef", 1773626401, body, signature));
        Assert.False(WebhookSignature.Verify("another-secret-xx", 1773626400, body, signature));
    }

    private const string ExpectedSignature = "sha256=174150206c167171a3d034499e33b1737319062cb08d4ef20ed08a66abbe1e1b";

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(20, 5000)]
    public void BackoffDoublesUpToTheCapWithJitterBetweenHalfAndAll(int failedAttempts, int fullMilliseconds)
    {
        var initial = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(5);

        Assert.Equal(TimeSpan.FromMilliseconds(fullMilliseconds), RetryBackoff.Delay(failedAttempts, initial, max, random: 1));
        Assert.Equal(TimeSpan.FromMilliseconds(fullMilliseconds / 2.0), RetryBackoff.Delay(failedAttempts, initial, max, random: 0));
    }
}
