using Microsoft.Playwright;
using ParkCommunity.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    [Fact, Step(6)]
    public async Task TheOpenDataPageShowsWithoutSignInInChineseAndSwitchesToEnglish()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/open");
        await Expect(page.GetByTestId("open-parking")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("lang-toggle")).ToHaveTextAsync("English");
        await Expect(page.GetByTestId("chart-open-visitors").Locator("canvas")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-open-energy").Locator("canvas")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "open-data-zh");

        await page.GetByTestId("lang-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByTestId("lang-toggle")).ToHaveTextAsync("中文");
        await Expect(page.GetByTestId("open-parking")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "open-data-en");
        await page.Context.CloseAsync();
    }
}
