using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.InfluxDb;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Sqlite;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Support;

/// <summary>
/// A real telemetry store — the embedded SQLite store in a temporary folder, or a fresh database on the InfluxDB server of
/// the test command — the small test community of <see cref="TestCommunity"/>, a fake clock and the condition evaluator
/// over them: what each condition test class starts from.
/// </summary>
internal sealed class ConditionFixture : IDisposable
{
    /// <summary>21:00 local time in Chengdu (UTC+8) on a Monday that is not a holiday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 13, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("pc-rules");
    private readonly string? _influxDatabase;
    private readonly IDisposable _store;
    private readonly ITelemetryWriter _writer;
    private readonly Func<Task> _prepare;
    private bool _prepared;

    /// <param name="influxDb">Use the InfluxDB server of the test command rather than the embedded store.</param>
    /// <param name="registry">The community; <see cref="TestCommunity"/> when null.</param>
    public ConditionFixture(bool influxDb = false, CommunityRegistry? registry = null)
    {
        Registry = registry ?? TestCommunity.Create();
        if (influxDb)
        {
            _influxDatabase = TestServers.UniqueName("rules");
            var influx = new InfluxDbTelemetryStore(
                new SingleClientFactory(), Options.Create(new InfluxDbOptions { Url = TestServers.InfluxDbUrl.ToString(), Database = _influxDatabase }),
                TimeProvider.System, new TelemetryStoreMetrics(), NullLogger<InfluxDbTelemetryStore>.Instance);
            (_store, _writer, Reader, _prepare) = (influx, influx, influx, () => influx.PrepareAsync(CancellationToken.None));
        }
        else
        {
            var sqlite = new SqliteTelemetryStore(
                Options.Create(new SqliteTelemetryOptions { Path = _directory.File("telemetry.db") }), new TelemetryStoreMetrics(), NullLogger<SqliteTelemetryStore>.Instance);
            (_store, _writer, Reader, _prepare) = (sqlite, sqlite, sqlite, () => sqlite.PrepareAsync(CancellationToken.None));
        }

        Evaluator = new RuleConditionEvaluator(Reader, Registry, NullLogger<RuleConditionEvaluator>.Instance);
    }

    public CommunityRegistry Registry { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public DateTimeOffset Now => Time.GetUtcNow();

    public ITelemetryReader Reader { get; }

    public RuleConditionEvaluator Evaluator { get; }

    /// <summary>Stores one telemetry reading of <paramref name="device"/>, <paramref name="ago"/> before now.</summary>
    public Task ReadingAsync(string device, TimeSpan ago, params TelemetryField[] fields) => WriteAsync(device, false, Now - ago, fields);

    /// <summary>Stores one reading every <paramref name="step"/> from <paramref name="from"/> ago up to now (inclusive), with values by age.</summary>
    public async Task ReadingsAsync(string device, TimeSpan from, TimeSpan step, Func<TimeSpan, TelemetryField[]> fields)
    {
        for (var ago = from; ago >= TimeSpan.Zero; ago -= step)
        {
            await WriteAsync(device, false, Now - ago, fields(ago));
        }
    }

    /// <summary>Stores a device event as the gateway does: measurement {kind}_events, text fields type (and data / status).</summary>
    public Task EventAsync(string device, TimeSpan ago, string type, string? status = null) =>
        WriteAsync(device, true, Now - ago, status is null ? [TelemetryField.OfText("type", type)] : [TelemetryField.OfText("type", type), TelemetryField.OfText("status", status)]);

    public Task<IReadOnlyList<SubjectObservation>> EvaluateAsync(RuleDefinition rule) => Evaluator.EvaluateAsync(rule, Now, CancellationToken.None);

    public async Task<SubjectObservation> EvaluateAsync(RuleDefinition rule, string subject) =>
        (await EvaluateAsync(rule)).Single(o => o.Subject == subject);

    public async Task<SubjectObservation> EvaluateAtAsync(RuleDefinition rule, DateTimeOffset at, string subject) =>
        (await Evaluator.EvaluateAsync(rule, at, CancellationToken.None)).Single(o => o.Subject == subject);

    public void Dispose()
    {
        if (_influxDatabase is not null)
        {
            using var http = new HttpClient { BaseAddress = TestServers.InfluxDbUrl };
            using var drop = new FormUrlEncodedContent([new("q", $"DROP DATABASE \"{_influxDatabase}\"")]);
            http.Send(new HttpRequestMessage(HttpMethod.Post, "/query") { Content = drop }).Dispose();
        }

        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task WriteAsync(string device, bool isEvent, DateTimeOffset at, TelemetryField[] fields)
    {
        Assert.True(Registry.TryFindDevice(device, out var registered), $"{device} is not in the test community");
        var kind = isEvent ? registered.Kind + "_events" : registered.Kind;
        var batch = new TelemetryBatch();
        batch.Add(new SeriesKey(kind, registered.Site.Id, registered.Grid.Id, registered.Zone.Id, device), at.ToUnixTimeMilliseconds(), null, fields);
        if (!_prepared)
        {
            await _prepare();
            _prepared = true;
        }

        var result = await _writer.WriteAsync(batch, CancellationToken.None);
        Assert.Empty(result.Rejected);
    }

    /// <summary>Hands out clients over one shared handler, as the real factory does within a handler's lifetime.</summary>
    private sealed class SingleClientFactory : IHttpClientFactory
    {
        private static readonly SocketsHttpHandler Handler = new();

        public HttpClient CreateClient(string name) => new(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
