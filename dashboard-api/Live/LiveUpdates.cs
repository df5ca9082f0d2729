using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.Live;

/// <summary>
/// The in-process hub that parts of the dashboard publish into (device status changes, work-order changes, alarms)
/// and each <c>/api/live</c> connection reads from. Every subscriber has its own bounded queue; a subscriber that
/// cannot keep up loses its oldest updates, so one slow phone never holds back the publisher or anyone else.
/// Updates are filtered by the subscriber's grids when published.
/// </summary>
internal sealed class LiveUpdates(IOptions<DashboardOptions> options, ILogger<LiveUpdates> logger)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public Subscription Subscribe(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var subscription = new Subscription(this, caller, options.Value.LiveQueueCapacity, logger);
        _subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(LiveEvent update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(update);
        }
    }

    private void Remove(Subscription subscription) => _subscribers.TryRemove(subscription, out _);

    /// <summary>One subscriber's queue; dispose to unsubscribe.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly LiveUpdates _hub;
        private readonly Caller _caller;
        private readonly ILogger _logger;
        private readonly Channel<LiveEvent> _queue;

        public Subscription(LiveUpdates hub, Caller caller, int capacity, ILogger logger)
        {
            _hub = hub;
            _caller = caller;
            _logger = logger;
            _queue = Channel.CreateBounded<LiveEvent>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => _logger.LiveUpdateDropped(_caller.Username));
        }

        public ChannelReader<LiveEvent> Reader => _queue.Reader;

        internal void Offer(LiveEvent update)
        {
            if (_caller.Sees(update.Grid))
            {
                _queue.Writer.TryWrite(update);
            }
        }

        public void Dispose()
        {
            _hub.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
