using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParkCommunity.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    [Fact, Step(2)]
    public async Task AWrongPasswordShowsTheServersProblemDetailAndTheRightOneOpensTheManagerView()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));

        await page.GetByTestId("sign-in-username").FillAsync("manager");
        await page.GetByTestId("sign-in-password").FillAsync("not-the-password");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        // The Problem Details `detail` of the 401, as the server words it.
        await Expect(page.GetByTestId("sign-in-error")).ToHaveTextAsync("Unknown username or wrong password.");
        await Artifacts.ScreenshotAsync(page, "sign-in-refused");

        await page.GetByTestId("sign-in-password").FillAsync("manager-demo");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manager$"));
        await Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sign-in-form")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "signed-in");
        await page.Context.CloseAsync();
    }
}
