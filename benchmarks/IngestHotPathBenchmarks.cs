using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Benchmarks;

/// <summary>
/// The gateway's per-message CPU work on one core: parse + validate a contract payload, add its reading
/// to a batch, and encode the batch as line protocol — everything between the broker handing over the
/// bytes and the HTTP write. Each invocation processes <see cref="Messages"/> distinct messages from
/// 500 devices, so the figures are per message.
/// </summary>
[MemoryDiagnoser]
public class IngestHotPathBenchmarks : IDisposable
{
    private const int Messages = 1_000;
    private readonly TelemetryParser _parser = new(TelemetryLimits.Default);
    private readonly ParsedTelemetry _parsed = new();
    private readonly TelemetryBatch _batch = new(Messages);
    private readonly PooledBufferWriter _output = new();
    private byte[][] _payloads = [];
    private SeriesKey[] _series = [];

    [GlobalSetup]
    public void Setup()
    {
        _series = Enumerable.Range(0, 500)
            .Select(i => new SeriesKey("light", "tianfu-park", $"grid-{i % 3}", $"zone-{i % 12}", $"light-{i:D4}"))
            .ToArray();
        _payloads = Enumerable.Range(0, Messages).Select(i => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"ts":{{{1_764_348_240_123L + i}}},"seq":{{{i}}},"values":{"power_w":{{{41.5 + (i % 10)}}},"dim_pct":{{{i % 100}}},"on":true,"lux":{{{i % 50}}}.25,"mode":"auto"}}"""))).ToArray();

        // Warm the parser's intern tables and the series prefix cache, as a running gateway would be.
        ParseValidateEncode();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _output.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "parse + validate + encode, per message")]
    public int ParseValidateEncode()
    {
        _batch.Clear();
        _output.Reset();
        for (var i = 0; i < _payloads.Length; i++)
        {
            _parsed.Clear();
            _parser.Parse(_payloads[i], 1_764_348_240_000L, _parsed);
            var series = _series[i % _series.Length];
            foreach (ref readonly var reading in _parsed.Readings)
            {
                _batch.Add(series, reading.TimestampMs, reading.Seq, _parsed.Fields.Slice(reading.FieldStart, reading.FieldCount));
            }
        }

        return LineProtocolEncoder.AppendBatch(_batch, _output, rejected: null);
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "reference: InfluxDB.Client PointData.ToLineProtocol, per message")]
    public int PointDataReference()
    {
        var length = 0;
        for (var i = 0; i < Messages; i++)
        {
            var series = _series[i % _series.Length];
            var point = PointData.Measurement(series.Kind)
                .Tag("site", series.Site).Tag("grid", series.Grid).Tag("zone", series.Zone).Tag("device", series.Device)
                .Field("power_w", 41.5 + (i % 10)).Field("dim_pct", (double)(i % 100)).Field("on", true)
                .Field("lux", (i % 50) + 0.25).Field("mode", "auto").Field("seq", (long)i)
                .Timestamp(1_764_348_240_123L + i, WritePrecision.Ms);
            length += point.ToLineProtocol().Length;
        }

        return length;
    }
}
