using System.Globalization;
using System.Net.Http.Headers;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>POSTs the notification's JSON to one webhook, signed (see <see cref="WebhookSignature"/>); any non-2xx answer is a failure.</summary>
internal sealed class WebhookNotificationSink(WebhookOptions options, HttpClient http, TimeProvider time) : INotificationSink
{
    public string Name { get; } = $"webhook {options.Name}";

    public async Task DeliverAsync(Notification notification, CancellationToken cancellationToken)
    {
        // Signed per attempt, so the timestamp is fresh and a receiver's replay window holds for retries too.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url);
        request.Content = new ByteArrayContent(notification.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(options.Secret, timestamp, notification.Body));
        request.Headers.Add(WebhookSignature.EventHeader, WireNames.Of(notification.Change.Kind));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.DeliveryId.ToString("D"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"{options.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{options.Url} did not answer within {options.Timeout}.");
        }
    }
}
