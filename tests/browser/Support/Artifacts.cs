using Microsoft.Playwright;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Browser.Tests.Support;

/// <summary>
/// What the browser tests leave for people to look at (<c>artifacts/</c> under ./test.sh): a screenshot of each view in
/// <c>screenshots/</c>, and the files the tests downloaded in <c>downloads/</c>.
/// </summary>
public static class Artifacts
{
    public static string Screenshots => Folder("screenshots");

    public static string Downloads => Folder("downloads");

    public static async Task<string> ScreenshotAsync(IPage page, string view)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Screenshots, view + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string Folder(string name) => Directory.CreateDirectory(Path.Combine(TestServers.ArtifactsDirectory, name)).FullName;
}
