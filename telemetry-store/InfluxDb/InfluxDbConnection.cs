using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>
/// The HTTP API that InfluxDB 1.x, 2.x and 3.x all serve: <c>/ping</c>, <c>/write</c>, <c>/query</c>. Adds the
/// credentials, enforces the timeout and turns transport failures into <see cref="TelemetryStoreUnavailableException"/>
/// and refused credentials into an <see cref="InvalidOperationException"/> naming the database and auth method.
/// </summary>
internal sealed class InfluxDbConnection(IHttpClientFactory httpClients, InfluxDbOptions options, TimeProvider timeProvider)
{
    private readonly Uri _baseUrl = new(options.Url!.TrimEnd('/') + "/");
    private readonly string _database = options.Database!;

    public string Database => _database;

    public string Location => $"{_baseUrl} database '{_database}'";

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "ping", null, cancellationToken).ConfigureAwait(false);
        if ((int)status is < 200 or > 299)
        {
            throw new InvalidOperationException($"InfluxDB at {_baseUrl} answered {(int)status} to /ping: {body}");
        }
    }

    public Task<(HttpStatusCode Status, string Body)> WriteAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var query = "write?db=" + Uri.EscapeDataString(_database) + "&precision=ms";
        if (options.RetentionPolicy is { Length: > 0 } rp)
        {
            query += "&rp=" + Uri.EscapeDataString(rp);
        }

        return SendAsync(HttpMethod.Post, query, new ReadOnlyMemoryContent(lines), cancellationToken);
    }

    /// <summary>Runs one InfluxQL statement and returns its result object; an InfluxQL error becomes an <see cref="InvalidOperationException"/> quoting the statement.</summary>
    public async Task<JsonElement> QueryAsync(string statement, bool mutates, CancellationToken cancellationToken)
    {
        var query = "query?db=" + Uri.EscapeDataString(_database) + "&epoch=ms";
        HttpContent? content = null;
        if (mutates)
        {
            // 1.x only runs CREATE/DROP sent by POST.
            content = new FormUrlEncodedContent([new("q", statement)]);
        }
        else
        {
            query += "&q=" + Uri.EscapeDataString(statement);
        }

        var (status, body) = await SendAsync(mutates ? HttpMethod.Post : HttpMethod.Get, query, content, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"InfluxDB at {_baseUrl} answered {(int)status} with a body that is not JSON to the query {statement}: {Shorten(body)}");
        }

        using var owned = document;
        var root = document.RootElement;
        var error = ErrorOf(root) ?? (root.TryGetProperty("results", out var results) && results.GetArrayLength() > 0 ? ErrorOf(results[0]) : null);
        if (error is not null || (int)status is < 200 or > 299)
        {
            throw new InvalidOperationException($"InfluxDB {Location} refused the query {statement}: {error ?? Shorten(body)}");
        }

        return root.GetProperty("results")[0].Clone();
    }

    private static string? ErrorOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("error", out var e) ? e.GetString()
        : element.ValueKind == JsonValueKind.Object && element.TryGetProperty("message", out var m) ? m.GetString()
        : null;

    /// <summary>
    /// Runs a SELECT with chunked output (one JSON object per line, each up to 10,000 rows) and hands each result
    /// object to <paramref name="onChunk"/>, so a large answer is never held in memory at once.
    /// </summary>
    public Task StreamQueryAsync(string statement, Action<JsonElement> onChunk, CancellationToken cancellationToken)
    {
        var query = "query?db=" + Uri.EscapeDataString(_database) + "&epoch=ms&chunked=true&chunk_size=10000&q=" + Uri.EscapeDataString(statement);
        return SendAsync(HttpMethod.Get, query, null, async (response, ct) =>
        {
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var chunk = JsonDocument.Parse(line);
                var result = chunk.RootElement.TryGetProperty("results", out var results) ? results[0] : chunk.RootElement;
                if (ErrorOf(result) is { } error)
                {
                    throw new InvalidOperationException($"InfluxDB {Location} refused the query {statement}: {error}");
                }

                onChunk(result);
            }

            return true;
        }, cancellationToken);
    }

    private Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync(method, relative, content, async (response, ct) =>
            (response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)), cancellationToken);

    private async Task<T> SendAsync<T>(
        HttpMethod method, string relative, HttpContent? content, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, relative)) { Content = content };
        if (options.Token is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        }
        else if (options.Username is { Length: > 0 } user)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + options.Password));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        var client = httpClients.CreateClient(InfluxDbTelemetryStore.HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = response.StatusCode;
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"InfluxDB at {_baseUrl} refused {options.AuthMethod} for database '{_database}' ({(int)status}): {Shorten(body)}. "
                    + "Check TelemetryStore:InfluxDb:Token (2.x/3.x) or Username/Password (1.x).");
            }

            if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                throw new TelemetryStoreUnavailableException($"InfluxDB {Location} answered {(int)status}: {Shorten(body)}");
            }

            return await read(response, linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TelemetryStoreUnavailableException($"InfluxDB at {_baseUrl} cannot be reached: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new TelemetryStoreUnavailableException($"InfluxDB at {_baseUrl} broke off the answer: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TelemetryStoreUnavailableException($"InfluxDB at {_baseUrl} did not answer within {options.Timeout}.", e);
        }
    }

    private static string Shorten(string body) => body.Length <= 500 ? body.Trim() : body[..500] + "…";
}
