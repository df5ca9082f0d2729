using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Drains each destination's queue in order, retrying a failed delivery with exponential backoff and jitter up to
/// <see cref="NotificationOptions.MaxAttempts"/>, then giving it up with a warning naming the destination and the
/// work order. One loop per destination; a failure in one never stops another.
/// </summary>
internal sealed class NotificationDispatcher(
    NotificationQueue queue, IOptions<NotificationOptions> options, TimeProvider time, CaseSystemMetrics metrics, ILogger<NotificationDispatcher> logger)
    : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queue.Sinks.Select(sink => Task.Run(() => DrainAsync(sink, stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(INotificationSink sink, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notification in queue.ReaderFor(sink).ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DeliverAsync(sink, notification, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not delivered (documented).
        }
        catch (Exception exception)
        {
            logger.DeliveryLoopFailed(exception, sink.Name);
            throw;
        }
    }

    private async Task DeliverAsync(INotificationSink sink, Notification notification, CancellationToken stoppingToken)
    {
        var kind = WireNames.Of(notification.Change.Kind);
        var id = notification.Change.Order.Id;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.DeliverAsync(notification, stoppingToken).ConfigureAwait(false);
                metrics.NotificationDelivered(sink.Name);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    metrics.NotificationGivenUp(sink.Name);
                    logger.DeliveryGivenUp(sink.Name, kind, id, attempt, exception.Message);
                    return;
                }

#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic randomness.
                var delay = RetryBackoff.Delay(attempt, _options.InitialRetryDelay, _options.MaxRetryDelay, Random.Shared.NextDouble());
#pragma warning restore CA5394
                logger.DeliveryRetrying(sink.Name, kind, id, attempt, _options.MaxAttempts, delay, exception.Message);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
