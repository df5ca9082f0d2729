using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Accounts;

namespace ParkCommunity.DashboardApi.Live;

internal static class LiveEndpoints
{
    /// <summary>A comment line this often keeps proxies and phones from closing an idle stream.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", StreamAsync).RequireAuthorization(Policies.SignedIn).WithTags("Live")
            .WithSummary("Server-Sent Events: device-status, alarm and work-order updates in the caller's grids.");
        return app;
    }

    private static async Task StreamAsync(HttpContext context, LiveUpdates hub, TimeProvider time, IOptions<JsonOptions> json)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to buffer the stream.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = hub.Subscribe(Caller.From(context.User));
        try
        {
            // The next heartbeat is always scheduled before anything is written, so it runs on a steady 15 s beat
            // whatever else is sent (and a test clock advanced after a write always reaches it).
            var heartbeat = Task.Delay(HeartbeatInterval, time, cancellationToken);
            await WriteAsync(context.Response, ": connected\n\n", cancellationToken).ConfigureAwait(false);
            var waiting = subscription.Reader.WaitToReadAsync(cancellationToken).AsTask();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await Task.WhenAny(waiting, heartbeat).ConfigureAwait(false) == heartbeat)
                {
                    await heartbeat.ConfigureAwait(false);
                    heartbeat = Task.Delay(HeartbeatInterval, time, cancellationToken);
                    await WriteAsync(context.Response, ": heartbeat\n\n", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!await waiting.ConfigureAwait(false))
                {
                    return;
                }

                var text = new System.Text.StringBuilder();
                while (subscription.Reader.TryRead(out var update))
                {
                    text.Append("event: ").Append(update.Name).Append("\ndata: ")
                        .Append(JsonSerializer.Serialize(update.Payload, json.Value.SerializerOptions)).Append("\n\n");
                }

                waiting = subscription.Reader.WaitToReadAsync(cancellationToken).AsTask();
                await WriteAsync(context.Response, text.ToString(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
