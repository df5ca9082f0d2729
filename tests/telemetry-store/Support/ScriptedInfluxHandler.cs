using System.Net;
using System.Text;

namespace ParkCommunity.TelemetryStore.Tests.Support;

/// <summary>
/// Plays an InfluxDB server from a script: each request (path + body) is recorded and answered by
/// <c>respond</c>; /ping answers 204 unless the script says otherwise.
/// </summary>
internal sealed class ScriptedInfluxHandler(Func<string, string, (HttpStatusCode Status, string Body)?> respond) : HttpMessageHandler
{
    public List<(string Path, string Body)> Requests { get; } = [];

    public List<string> Writes => [.. Requests.Where(r => r.Path.StartsWith("/write", StringComparison.Ordinal)).Select(r => r.Body)];

    public string? LastAuthorization { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        Requests.Add((path, body));
        LastAuthorization = request.Headers.Authorization?.ToString();
        var (status, text) = respond(path, body) ?? (path == "/ping" ? (HttpStatusCode.NoContent, "") : (HttpStatusCode.NoContent, ""));
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
