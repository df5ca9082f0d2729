using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Spool;

/// <summary>A spool in a fresh temp folder, with collected logs, fake time and the counters its meter reported.</summary>
internal sealed class SpoolTestBed : IDisposable
{
    private readonly TempDirectory _folder = new("pc-spool");
    private readonly ILoggerFactory _loggers;
    private readonly MeterFactory _meters = new();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counters = [];

    public SpoolTestBed(long maxBytes = 1L << 30, long segmentBytes = 16L << 20, SpoolFullPolicy whenFull = SpoolFullPolicy.StopAcknowledging)
    {
        Options = new SpoolOptions { Directory = _folder.File("spool"), MaxBytes = maxBytes, SegmentBytes = segmentBytes, WhenFull = whenFull };
        _loggers = LoggerFactory.Create(builder => builder.AddProvider(Logs));
        Metrics = new SpoolMetrics(_meters);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Created.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (_counters)
            {
                _counters[instrument.Name] = Counter(instrument.Name) + value;
            }
        });
        _listener.Start();
    }

    public SpoolOptions Options { get; }

    public FakeTimeProvider Time { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public SpoolMetrics Metrics { get; }

    public IReadOnlyList<string> SegmentFiles => [.. Directory.GetFiles(Options.Directory, "*.seg").Order(StringComparer.Ordinal)];

    public DiskSpool Open() => DiskSpool.Open(Options, Time, _loggers.CreateLogger<DiskSpool>(), Metrics);

    /// <summary>The sum of everything recorded on counter <paramref name="name"/>, or (after <see cref="ObserveGauges"/>) a gauge's last value.</summary>
    public long Counter(string name)
    {
        lock (_counters)
        {
            return _counters.GetValueOrDefault(name);
        }
    }

    public void ObserveGauges()
    {
        lock (_counters)
        {
            _counters.Remove("pc.gateway.spool.bytes");
        }

        _listener.RecordObservableInstruments();
    }

    /// <summary>Replays everything pending; each replayed batch as its <see cref="Describe"/> lines.</summary>
    public static async Task<List<IReadOnlyList<string>>> DrainAsync(DiskSpool spool)
    {
        var replayed = new List<IReadOnlyList<string>>();
        while (await spool.TryReplayOldestAsync((batch, _) =>
        {
            replayed.Add(Describe(batch));
            return ValueTask.CompletedTask;
        }, CancellationToken.None))
        {
        }

        return replayed;
    }

    /// <summary>A batch of <paramref name="points"/> points of device <c>lamp-{number}</c>; <paramref name="padding"/> makes it bigger.</summary>
    public static TelemetryBatch Batch(int number, int points = 1, int padding = 0)
    {
        var batch = new TelemetryBatch();
        var series = new SeriesKey("light", "site-a", "grid-1", "zone-1", $"lamp-{number}");
        for (var i = 0; i < points; i++)
        {
            batch.Add(series, 1_764_348_240_000 + i, number, [
                TelemetryField.OfNumber("power_w", number + (i / 10.0)),
                TelemetryField.OfText("note", new string('x', padding)),
            ]);
        }

        return batch;
    }

    /// <summary>Every property of every point, numbers by their bits, so two batches compare exactly.</summary>
    public static IReadOnlyList<string> Describe(TelemetryBatch batch)
    {
        var lines = new List<string>();
        foreach (ref readonly var point in batch.Points)
        {
            var fields = new List<string>();
            foreach (var field in batch.FieldsOf(point))
            {
                fields.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{field.Name}:{field.Type}:{BitConverter.DoubleToInt64Bits(field.Number):X16}:{field.Boolean}:{field.Text ?? "<null>"}"));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{point.Series} ts={point.TimestampMs} seq={point.Seq?.ToString(CultureInfo.InvariantCulture) ?? "none"} {string.Join(' ', fields)}"));
        }

        return lines;
    }

    /// <summary>The device of each replayed batch's first point, e.g. lamp-3.</summary>
    public static IReadOnlyList<string> Devices(IEnumerable<IReadOnlyList<string>> replayed) =>
        [.. replayed.Select(lines => lines[0].Split(' ')[0].Split("device=")[1])];

    public void Dispose()
    {
        _listener.Dispose();
        Metrics.Dispose();
        _meters.Dispose();
        _loggers.Dispose();
        _folder.Dispose();
    }

    private sealed class MeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
