using System.Net;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Tests.Support;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.TelemetryStore.Tests.InfluxDb;

/// <summary>
/// How the InfluxDB store reacts to each kind of failure, with the bodies InfluxDB 1.x, 2.x and 3.x document
/// replayed by a scripted handler (the real 1.x server covers the 1.x path in the contract tests).
/// </summary>
public sealed class InfluxDbFailureTests
{
    private static readonly SeriesKey Lamp1 = new("light", "s1", "g1", "z1", "l1");
    private static readonly SeriesKey Lamp2 = new("light", "s1", "g1", "z1", "l2");
    private static readonly SeriesKey Lamp3 = new("light", "s1", "g1", "z1", "l3");

    private static InfluxDbOptions Options(string? token = null) =>
        new() { Url = "http://influx.test:8086", Database = "community", Token = token, CreateDatabase = false };

    private static TelemetryBatch ThreeLamps()
    {
        var batch = new TelemetryBatch();
        batch.Add(Lamp1, 1_000, 1, [TelemetryField.OfBoolean("power_w", true)]);
        batch.Add(Lamp2, 1_000, 1, [TelemetryField.OfNumber("power_w", 40)]);
        batch.Add(Lamp3, 1_000, 1, [TelemetryField.OfNumber("power_w", 41)]);
        return batch;
    }

    [Fact]
    public async Task AnUnreachableServerMakesWritesFailAsUnavailable()
    {
        using var store = StoreFactory.InfluxDb(new InfluxDbOptions { Url = $"http://127.0.0.1:{FreePort.Next()}", Database = "community" });

        var error = await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(async () => await store.WriteAsync(ThreeLamps(), CancellationToken.None));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerErrorMakesWritesFailAsUnavailable()
    {
        var handler = new ScriptedInfluxHandler((path, _) => path == "/write" ? (HttpStatusCode.ServiceUnavailable, """{"error":"engine: cache maximum memory size exceeded"}""") : null);
        using var store = StoreFactory.InfluxDb(Options(), handler);

        var error = await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(async () => await store.WriteAsync(ThreeLamps(), CancellationToken.None));

        Assert.Contains("cache maximum memory size exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedTokenIsAClearErrorNamingTheDatabaseAndAuthMethod()
    {
        var handler = new ScriptedInfluxHandler((path, _) => path == "/write" ? (HttpStatusCode.Unauthorized, """{"code":"unauthorized","message":"unauthorized access"}""") : null);
        using var store = StoreFactory.InfluxDb(Options(token: "secret-token"), handler);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.WriteAsync(ThreeLamps(), CancellationToken.None));

        Assert.Contains("'community'", error.Message, StringComparison.Ordinal);
        Assert.Contains("token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
        Assert.Equal("Token secret-token", handler.LastAuthorization);
    }

    [Fact]
    public async Task A2xUnprocessableEntityRejectsTheConflictingPointAndRewritesTheRest()
    {
        // InfluxDB 2.x answers a field type conflict with 422 and stores nothing of the batch.
        const string Conflict = """{"code":"unprocessable entity","message":"failure writing points to database: partial write: field type conflict: input field \"power_w\" on measurement \"light\" is type boolean, already exists as type float dropped=1"}""";
        var handler = new ScriptedInfluxHandler((path, body) =>
            path == "/write" && body.Contains("power_w=true", StringComparison.Ordinal) ? (HttpStatusCode.UnprocessableEntity, Conflict) : null);
        using var store = StoreFactory.InfluxDb(Options(token: "t"), handler);

        var result = await store.WriteAsync(ThreeLamps(), CancellationToken.None);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(0, rejected.Index);
        Assert.Equal("field type conflict: input field \"power_w\" on measurement \"light\" is type boolean, already exists as type float", rejected.Reason);
        Assert.Equal(2, handler.Writes.Count);
        Assert.DoesNotContain("device=l1", handler.Writes[1], StringComparison.Ordinal);
        Assert.Equal(2, handler.Writes[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A3xPartialWriteRejectsTheLinesItNumbers()
    {
        const string Partial = """{"error":"partial write of line protocol occurred","data":[{"original_line":"light,device=l3 power_w=41","line_number":3,"error_message":"invalid column type for column 'power_w', expected iox::column_type::field::boolean, got iox::column_type::field::float"}]}""";
        var calls = 0;
        var handler = new ScriptedInfluxHandler((path, _) => path == "/write" && calls++ == 0 ? (HttpStatusCode.BadRequest, Partial) : null);
        using var store = StoreFactory.InfluxDb(Options(token: "t"), handler);

        var result = await store.WriteAsync(ThreeLamps(), CancellationToken.None);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(2, rejected.Index);
        Assert.Contains("power_w", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorThatNamesNoPointIsIsolatedByBisecting()
    {
        // 1.x refuses points older than the retention policy without saying which.
        const string TooOld = """{"error":"partial write: points beyond retention policy dropped=1"}""";
        var handler = new ScriptedInfluxHandler((path, body) =>
            path == "/write" && body.Contains("device=l2", StringComparison.Ordinal) ? (HttpStatusCode.BadRequest, TooOld) : null);
        using var store = StoreFactory.InfluxDb(Options(), handler);

        var result = await store.WriteAsync(ThreeLamps(), CancellationToken.None);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(1, rejected.Index);
        Assert.Contains("beyond retention policy", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingDatabaseIsAClearErrorWhenCreatingIsNotAllowed()
    {
        var handler = new ScriptedInfluxHandler((path, _) => path == "/write" ? (HttpStatusCode.NotFound, """{"error":"database not found: \"community\""}""") : null);
        using var store = StoreFactory.InfluxDb(Options(), handler);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.WriteAsync(ThreeLamps(), CancellationToken.None));

        Assert.Contains("CreateDatabase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseDroppedWhileRunningIsCreatedAgainAndTheBatchWrittenWhenAllowed()
    {
        var writes = 0;
        var handler = new ScriptedInfluxHandler((path, _) => path switch
        {
            "/query" => (HttpStatusCode.OK, """{"results":[{"statement_id":0}]}"""),
            "/write" when writes++ == 0 => (HttpStatusCode.NotFound, """{"error":"database not found: \"community\""}"""),
            _ => null,
        });
        var options = Options();
        options.CreateDatabase = true;
        using var store = StoreFactory.InfluxDb(options, handler);

        var result = await store.WriteAsync(ThreeLamps(), CancellationToken.None);

        Assert.Empty(result.Rejected);
        Assert.Equal(2, handler.Writes.Count);
        Assert.Equal(2, handler.Requests.Count(r => r.Path == "/query" && r.Body.Contains("CREATE+DATABASE", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AServerThatDoesNotAnswerWithinTheTimeoutIsUnavailable()
    {
        var time = new FakeTimeProvider();
        using var hanging = new HangingHandler();
        using var store = StoreFactory.InfluxDb(Options(), hanging, time);

        var write = store.WriteAsync(ThreeLamps(), CancellationToken.None).AsTask();
        await hanging.Received.Task;
        time.Advance(TimeSpan.FromSeconds(11));

        var error = await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(() => write);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/ping")
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            Received.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
