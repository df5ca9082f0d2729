using System.Text;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

public sealed class LineProtocolEncoderTests
{
    private const long Ts = 1_764_348_240_123;
    private static readonly SeriesKey Lamp = new("light", "site-a", "g1", "z1", "lamp-1");

    [Fact]
    public void ATypicalPointIsOneLineWithTagsSortedByKeyAndSeqAsAnInteger()
    {
        var line = Encode(Lamp, 42, TelemetryField.OfNumber("power_w", 41.5), TelemetryField.OfBoolean("on", true), TelemetryField.OfText("mode", "auto"));

        Assert.Equal("light,device=lamp-1,grid=g1,site=site-a,zone=z1 power_w=41.5,on=true,mode=\"auto\",seq=42i 1764348240123\n", line);
    }

    [Fact]
    public void IntegralAndExtremeDoublesAreWrittenInTheirShortestRoundTripForm()
    {
        var line = Encode(Lamp, null,
            TelemetryField.OfNumber("a", 1), TelemetryField.OfNumber("b", -0.0), TelemetryField.OfNumber("c", 0.1),
            TelemetryField.OfNumber("d", 1e300), TelemetryField.OfNumber("e", double.Epsilon));

        Assert.Contains(" a=1,b=-0,c=0.1,d=1E+300,e=5E-324 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void EachPartOfTheLineEscapesWhatTheLineProtocolSpecRequiresThere()
    {
        var series = new SeriesKey("a b,c=d", "s 1", "g,1", "z=1", "d\"1");

        var line = Encode(series, null, TelemetryField.OfText("k e,y=", "say \"hi\", a=b \\ bye"));

        // Measurement: comma and space. Tags and field keys: comma, equals and space. Strings: quote and backslash.
        Assert.Equal("a\\ b\\,c=d,device=d\"1,grid=g\\,1,site=s\\ 1,zone=z\\=1 k\\ e\\,y\\==\"say \\\"hi\\\", a=b \\\\ bye\" 1764348240123\n", line);
    }

    [Fact]
    public void NewlinesInNamesAndTagsBecomeBackslashNWhileStringValuesKeepThemInsideQuotes()
    {
        var series = new SeriesKey("li\nght", "site\r", "g\t1", "z1", "lamp\n1");

        var line = Encode(series, null, TelemetryField.OfText("no\nte", "line 1\nline 2"));

        Assert.Equal("li\\nght,device=lamp\\n1,grid=g\\t1,site=site\\r,zone=z1 no\\nte=\"line 1\nline 2\" 1764348240123\n", line);
    }

    [Fact]
    public void UnicodeIsWrittenAsUtf8()
    {
        var series = new SeriesKey("park", "天府", "g1", "z1", "🅿️-1");

        var line = Encode(series, null, TelemetryField.OfText("名字", "停车场 😀"));

        Assert.Equal("park,device=🅿️-1,grid=g1,site=天府,zone=z1 名字=\"停车场 😀\" 1764348240123\n", line);
    }

    [Fact]
    public void EmptyTagsAreLeftOutAsInfluxDbCannotStoreThem()
    {
        var line = Encode(new SeriesKey("light", "site-a", "", "", "lamp-1"), null, TelemetryField.OfBoolean("on", false));

        Assert.Equal("light,device=lamp-1,site=site-a on=false 1764348240123\n", line);
    }

    [Fact]
    public void APointWithOnlyASequenceNumberIsStillALine()
    {
        var batch = new TelemetryBatch();
        batch.Add(Lamp, Ts, 7, [TelemetryField.OfNumber("x", 1)]);
        var point = batch.Points[0];
        using var output = new PooledBufferWriter(64);

        Assert.True(LineProtocolEncoder.TryAppend(output, point, [], out var error), error);
        Assert.Equal("light,device=lamp-1,grid=g1,site=site-a,zone=z1 seq=7i 1764348240123\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void TheSeriesPrefixIsEncodedOnceAndReusedForEveryPoint()
    {
        var series = new SeriesKey("light", "site-a", "g1", "z1", "lamp-9");

        Encode(series, null, TelemetryField.OfNumber("lux", 1));
        var cached = series.EncodedLineProtocolSeries;
        Encode(series, null, TelemetryField.OfNumber("lux", 2));

        Assert.NotNull(cached);
        Assert.Equal("light,device=lamp-9,grid=g1,site=site-a,zone=z1 ", Encoding.UTF8.GetString(cached));
        Assert.Same(cached, series.EncodedLineProtocolSeries);
    }

    [Fact]
    public void RefusedPointsAreListedByIndexAndTheRestOfTheBatchIsWritten()
    {
        var batch = new TelemetryBatch();
        batch.Add(Lamp, Ts, 1, [TelemetryField.OfNumber("lux", 1)]);
        batch.Add(Lamp, Ts + 1, 2, [TelemetryField.OfText("mode", "auto"), TelemetryField.OfNumber("lux", double.NaN)]);
        batch.Add(Lamp, Ts + 2, 3, [TelemetryField.OfNumber("lux", 3)]);
        batch.Add(Lamp, Ts + 3, null, [TelemetryField.OfNumber("time", 4)]);
        batch.Add(new SeriesKey("light", "site-a", "g1", "z1", "lamp\\"), Ts + 4, null, [TelemetryField.OfNumber("lux", 5)]);
        batch.Add(Lamp, Ts + 5, 6, [TelemetryField.OfNumber("seq", 6)]);
        batch.Add(Lamp, LineProtocolEncoder.MaxTimestampMs + 1, null, [TelemetryField.OfNumber("lux", 7)]);
        var rejected = new List<RejectedPoint>();
        using var output = new PooledBufferWriter(64);

        var written = LineProtocolEncoder.AppendBatch(batch, output, rejected);

        Assert.Equal(2, written);
        Assert.Equal(
            "light,device=lamp-1,grid=g1,site=site-a,zone=z1 lux=1,seq=1i 1764348240123\n" +
            "light,device=lamp-1,grid=g1,site=site-a,zone=z1 lux=3,seq=3i 1764348240125\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal([1, 3, 4, 5, 6], rejected.Select(r => r.Index));
        Assert.Contains("'lux' is NaN", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'time' is reserved", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("device 'lamp\\' contains a backslash", rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("'seq' clashes", rejected[3].Reason, StringComparison.Ordinal);
        Assert.Contains("outside the range InfluxDB can store", rejected[4].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LineProtocolEncoder.MinTimestampMs)]
    [InlineData(LineProtocolEncoder.MaxTimestampMs)]
    [InlineData(-1)]
    public void TimestampsAtTheEdgesOfInfluxDbsRangeAreWritten(long timestampMs)
    {
        var batch = new TelemetryBatch();
        batch.Add(Lamp, timestampMs, null, [TelemetryField.OfNumber("lux", 1)]);
        using var output = new PooledBufferWriter(64);

        Assert.Equal(1, LineProtocolEncoder.AppendBatch(batch, output, rejected: null));
        Assert.EndsWith(FormattableString.Invariant($" {timestampMs}\n"), Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the kind (InfluxDB measurement) is empty")]
    [InlineData("#light", "reads as a comment line")]
    [InlineData("li\\ght", "kind 'li\\ght' contains a backslash")]
    public void KindsLineProtocolCannotCarryAreRefusedWithTheReason(string kind, string reason)
    {
        var batch = new TelemetryBatch();
        batch.Add(new SeriesKey(kind, "site-a", "g1", "z1", "lamp-1"), Ts, null, [TelemetryField.OfNumber("lux", 1)]);
        var rejected = new List<RejectedPoint>();
        using var output = new PooledBufferWriter(64);

        Assert.Equal(0, LineProtocolEncoder.AppendBatch(batch, output, rejected));
        Assert.Equal(0, output.WrittenCount);
        Assert.Contains(reason, Assert.Single(rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APointWithoutFieldsOrSequenceNumberIsRefused()
    {
        var batch = new TelemetryBatch();
        batch.Add(Lamp, Ts, null, [TelemetryField.OfNumber("lux", 1)]);
        using var output = new PooledBufferWriter(64);

        Assert.False(LineProtocolEncoder.TryAppend(output, batch.Points[0], [], out var error));
        Assert.Contains("no fields", error, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void ATextFieldWithoutTextIsRefusedRatherThanWrittenAsAnEmptyString()
    {
        var field = new TelemetryField("mode", FieldType.Text, 0, false, null);

        var error = Refused(Lamp, field);

        Assert.Contains("text field 'mode' has no value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldNameWithABackslashIsRefusedAsInfluxDbWouldMisreadIt()
    {
        var error = Refused(Lamp, TelemetryField.OfNumber("a\\=b", 1));

        Assert.Contains("field name 'a\\=b' contains a backslash", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site")]
    [InlineData("grid")]
    [InlineData("zone")]
    [InlineData("device")]
    public void ATagWithABackslashAnywhereIsRefused(string tag)
    {
        string Value(string name) => name == tag ? "a\\b" : "x";
        var series = new SeriesKey("light", Value("site"), Value("grid"), Value("zone"), Value("device"));

        var error = Refused(series, TelemetryField.OfNumber("lux", 1));

        Assert.Contains($"the {tag} 'a\\b' contains a backslash", error, StringComparison.Ordinal);
        Assert.Null(series.EncodedLineProtocolSeries);
    }

    private static string Encode(SeriesKey series, long? seq, params TelemetryField[] fields)
    {
        var batch = new TelemetryBatch();
        batch.Add(series, Ts, seq, fields);
        using var output = new PooledBufferWriter(16);
        Assert.True(LineProtocolEncoder.TryAppend(output, batch.Points[0], batch.FieldsOf(batch.Points[0]), out var error), error);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Encodes a point that must be refused; checks nothing was written and returns the reason.</summary>
    private static string Refused(SeriesKey series, params TelemetryField[] fields)
    {
        var batch = new TelemetryBatch();
        batch.Add(series, Ts, null, fields);
        using var output = new PooledBufferWriter(16);
        Assert.False(LineProtocolEncoder.TryAppend(output, batch.Points[0], batch.FieldsOf(batch.Points[0]), out var error));
        Assert.Equal(0, output.WrittenCount);
        return Assert.IsType<string>(error);
    }
}
