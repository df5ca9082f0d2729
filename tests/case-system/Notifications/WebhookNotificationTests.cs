using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Notifications;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Notifications;

/// <summary>Webhooks against a real Kestrel endpoint on loopback that checks each request's signature.</summary>
public sealed class WebhookNotificationTests : IAsyncLifetime
{
    private const string Secret = "a-shared-secret-of-enough-length";
    private readonly int _port = FreePort.Next();
    private readonly ConcurrentQueue<(bool SignatureValid, string Event, string Delivery, string Body)> _requests = new();
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _endpoint = null!;
    private int _failuresLeft;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        _endpoint = builder.Build();
        _endpoint.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var timestamp = long.Parse(request.Headers[WebhookSignature.TimestampHeader]!, CultureInfo.InvariantCulture);
            var valid = WebhookSignature.Verify(Secret, timestamp, body.ToArray(), request.Headers[WebhookSignature.SignatureHeader]);
            _requests.Enqueue((valid, request.Headers[WebhookSignature.EventHeader]!, request.Headers[WebhookSignature.DeliveryHeader]!,
                System.Text.Encoding.UTF8.GetString(body.ToArray())));
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(500);
            }

            _accepted.TrySetResult();
            return Results.Ok();
        });
        _endpoint.MapPost("/slow", async () =>
        {
            await _release.Task;
            return Results.Ok();
        });
        await _endpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _endpoint.StopAsync();
        await _endpoint.DisposeAsync();
    }

    private NotificationOptions Options(string path, int maxAttempts = 5, int capacity = 100) => new()
    {
        MaxAttempts = maxAttempts,
        QueueCapacity = capacity,
        InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        Webhooks = { new WebhookOptions { Name = "city-desk", Url = new Uri($"http://127.0.0.1:{_port}{path}"), Secret = Secret } },
    };

    private static WebhookNotificationSink Sink(NotificationOptions options) =>
        new(options.Webhooks[0], new HttpClient(), TimeProvider.System);

    private static NewWorkOrder Bench() =>
        new("Broken bench", WorkOrderCategory.Gardening, WorkOrderPriority.P3, new WorkOrderLocation("tianfu-park", "central"), "front-desk");

    [Fact]
    public async Task AFailingWebhookIsRetriedAndTheChangeDeliveredOnceWithAValidSignature()
    {
        _failuresLeft = 2;
        var options = Options("/hook");
        await using var pipeline = await NotificationPipeline.StartAsync(options, Sink(options));

        var order = await pipeline.Store.CreateAsync(Bench(), new ResidentReport("open311"));
        await _accepted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var requests = _requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.All(requests, r => Assert.Equal("created", r.Event));
        Assert.Single(requests.Select(r => r.Delivery).Distinct());
        Assert.Contains(order.Id, requests[^1].Body, StringComparison.Ordinal);
        Assert.Equal(2, pipeline.Logs.Snapshot().Count(l => l.Id.Id == 5101));
    }

    [Fact]
    public async Task AWebhookThatNeverAcceptsIsGivenUpWithAWarningNamingItAndTheOrder()
    {
        _failuresLeft = int.MaxValue;
        var options = Options("/hook", maxAttempts: 3);
        await using var pipeline = await NotificationPipeline.StartAsync(options, Sink(options));

        var order = await pipeline.Store.CreateAsync(Bench(), new ResidentReport("open311"));

        var stopwatch = Stopwatch.StartNew();
        while (!pipeline.Logs.Snapshot().Any(l => l.Id.Id == 5102) && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var warning = Assert.Single(pipeline.Logs.Snapshot(), l => l.Id.Id == 5102);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("webhook city-desk", warning.Message, StringComparison.Ordinal);
        Assert.Contains(order.Id, warning.Message, StringComparison.Ordinal);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task ASlowWebhookNeverBlocksTheStoreAndAFullQueueDropsTheOldest()
    {
        var options = Options("/slow", capacity: 5);
        await using var pipeline = await NotificationPipeline.StartAsync(options, Sink(options));

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            await pipeline.Store.CreateAsync(Bench(), new ResidentReport("open311"));
        }

        // The endpoint has not answered the first request yet; every store call returned anyway.
        Assert.False(_release.Task.IsCompleted);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"30 creates took {stopwatch.Elapsed}.");
        // One notification is in flight, five wait; the rest were dropped oldest first, each counted and logged.
        Assert.InRange(pipeline.Queue.DroppedCount, 24, 25);
        Assert.Contains(pipeline.Logs.Snapshot(), l => l.Id.Id == 5100 && l.Level == LogLevel.Warning);
    }
}
