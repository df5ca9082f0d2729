using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// One bounded channel per destination, so a slow webhook holds up only itself. Writing never waits: when a channel is
/// full its oldest notification is dropped, counted and logged — a burst must not stall the rule engine, and the
/// newest state of an order matters more than an old step of it.
/// </summary>
internal sealed class NotificationQueue : IDisposable
{
    private readonly Dictionary<INotificationSink, Channel<Notification>> _channels = [];
    private readonly ILogger<NotificationQueue> _logger;
    private readonly CaseSystemMetrics _metrics;
    private readonly int _capacity;
    private long _dropped;

    public NotificationQueue(
        IEnumerable<INotificationSink> sinks, IOptions<NotificationOptions> options, ILogger<NotificationQueue> logger, CaseSystemMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _metrics = metrics;
        _capacity = options.Value.QueueCapacity;
        foreach (var sink in sinks)
        {
            var channelOptions = new BoundedChannelOptions(_capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            };
            _channels[sink] = Channel.CreateBounded<Notification>(channelOptions, dropped => Dropped(sink, dropped));
        }
    }

    public IEnumerable<INotificationSink> Sinks => _channels.Keys;

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Publish(WorkOrderChange change)
    {
        var notification = new Notification(change, WorkOrderChangeJson.Serialize(change), Guid.NewGuid());
        foreach (var channel in _channels.Values)
        {
            // DropOldest: TryWrite always succeeds until the channel is completed at shutdown.
            channel.Writer.TryWrite(notification);
        }
    }

    public ChannelReader<Notification> ReaderFor(INotificationSink sink) => _channels[sink].Reader;

    public void Complete()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Writer.TryComplete();
        }
    }

    /// <summary>The queue owns the sinks it was built with (the MQTT connection).</summary>
    public void Dispose()
    {
        Complete();
        foreach (var sink in _channels.Keys.OfType<IDisposable>())
        {
            sink.Dispose();
        }
    }

    private void Dropped(INotificationSink sink, Notification notification)
    {
        var total = Interlocked.Increment(ref _dropped);
        _metrics.NotificationDropped(sink.Name);
        _logger.NotificationDropped(
            sink.Name, _capacity, WireNames.Of(notification.Change.Kind), notification.Change.Order.Id, total);
    }
}
