using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParkCommunity.Browser.Tests.Support;
using ParkCommunity.TelemetryStore.Reading;
using static Microsoft.Playwright.Assertions;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    [Fact, Step(4)]
    public async Task ThePlannersOccupancyExportHasExactlyTheHourlyMeansOfTheStoredReadings()
    {
        var (query, exported) = await ExportFromPlannerAsync("occupancy");

        Assert.Equal(("parking", "occupied", "mean", "1h", "zone"), (query["kind"], query["field"], query["fn"], query["window"], query["groupBy"]));
        var expected = await WindowsFromStoreAsync(query, TimeSpan.FromHours(1), values => values.Average());
        AssertSameRows(expected, exported);
    }

    [Fact, Step(5)]
    public async Task ThePlannersVisitorsExportHasExactlyTheDailyPeaksOfTheStoredReadings()
    {
        var (query, exported) = await ExportFromPlannerAsync("visitors");

        Assert.Equal(("park", "visitors", "max", "1d", "zone"), (query["kind"], query["field"], query["fn"], query["window"], query["groupBy"]));
        var expected = await WindowsFromStoreAsync(query, TimeSpan.FromDays(1), values => values.Max());
        AssertSameRows(expected, exported);
    }

    /// <summary>
    /// As a planner: chooses today (the site's calendar day) as the period, waits for the charts, and downloads the
    /// chart's CSV through its export link. Returns the link's query and the CSV's rows.
    /// </summary>
    private async Task<(Dictionary<string, string> Query, List<CsvRow> Rows)> ExportFromPlannerAsync(string chart)
    {
        // Car parks and park poles publish for a few seconds and then fall silent, so the store no longer changes under the export.
        await platform.WaitForQuietUsageAsync();
        var page = await platform.NewPageAsync();
        await SignIn.AsAsync(page, "planner", "planner-demo");
        await Expect(page).ToHaveURLAsync(new Regex("/planner$"));

        var today = TimeZoneInfo.ConvertTime(platform.StartedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByTestId("planner-from").FillAsync(today);
        await page.GetByTestId("planner-to").FillAsync(today);
        await page.GetByTestId("planner-apply").ClickAsync();
        foreach (var each in new[] { "chart-occupancy", "chart-visitors", "chart-energy" })
        {
            await Expect(page.GetByTestId(each).Locator("canvas")).ToBeVisibleAsync();
        }

        await Artifacts.ScreenshotAsync(page, "planner");
        var link = page.GetByTestId($"export-csv-{chart}");
        var query = QueryOf(await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"The {chart} export link has no href."));
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var csvPath = Path.Combine(Artifacts.Downloads, $"planner-{chart}.csv");
        await download.SaveAsAsync(csvPath);
        await page.Context.CloseAsync();

        var lines = (await File.ReadAllLinesAsync(csvPath)).Where(l => l.Length > 0).ToList();
        Assert.Equal("group,windowStart,value", lines[0]);
        return (query, [.. lines.Skip(1).Select(l => l.Split(',')).Select(c => new CsvRow(
            c[0], DateTimeOffset.Parse(c[1], CultureInfo.InvariantCulture), double.Parse(c[2], CultureInfo.InvariantCulture)))]);
    }

    /// <summary>
    /// The export's figures worked out here from the raw points in the store: per zone and window (windows start at
    /// multiples of the window since the epoch, as the API's do; booleans count 1/0), oldest window first, then by zone.
    /// </summary>
    private async Task<List<CsvRow>> WindowsFromStoreAsync(Dictionary<string, string> query, TimeSpan window, Func<IEnumerable<double>, double> aggregate)
    {
        var range = new TimeRange(DateTimeOffset.Parse(query["from"], CultureInfo.InvariantCulture), DateTimeOffset.Parse(query["to"], CultureInfo.InvariantCulture));
        var field = query["field"];
        var points = await platform.Telemetry.RangeAsync(new SeriesFilter(Kind: query["kind"]), range, 1_000_000, CancellationToken.None);
        var windowMs = (long)window.TotalMilliseconds;
        return [.. points
            .Select(p => (p.Zone, Ms: p.Timestamp.ToUnixTimeMilliseconds(), Value: p.Values.TryGetValue(field, out var v) ? Number(v) : null))
            .Where(p => p.Value is not null)
            .GroupBy(p => (Window: p.Ms - (p.Ms % windowMs), p.Zone))
            .OrderBy(g => g.Key.Window).ThenBy(g => g.Key.Zone, StringComparer.Ordinal)
            .Select(g => new CsvRow(g.Key.Zone, DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Window), aggregate(g.Select(p => p.Value!.Value))))];
    }

    private static void AssertSameRows(List<CsvRow> expected, List<CsvRow> exported)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, exported.Count);
        foreach (var (row, want) in exported.Zip(expected))
        {
            Assert.Equal((want.Group, want.WindowStart), (row.Group, row.WindowStart));
            Assert.Equal(want.Value, row.Value, 9);
        }
    }

    private static double? Number(object value) => value switch
    {
        bool flag => flag ? 1 : 0,
        long whole => whole,
        int whole => whole,
        double real => real,
        _ => null,
    };

    private static Dictionary<string, string> QueryOf(string href)
    {
        var query = href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..];
        return query.Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1].Replace('+', ' ')));
    }

    private sealed record CsvRow(string Group, DateTimeOffset WindowStart, double Value);
}
