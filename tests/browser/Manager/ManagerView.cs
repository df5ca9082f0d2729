using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParkCommunity.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    [Fact, Step(1)]
    public async Task TheManagerSeesTheAlarmOfAFailingLampAppearWithoutReloadingThePage()
    {
        var page = await platform.NewPageAsync();
        await SignIn.AsAsync(page, "manager", "manager-demo");
        await Expect(page).ToHaveURLAsync(new Regex("/manager$"));
        await Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "on");
        // The alarms have been read (the count is a number, not the loading mark) and the lamp's is not among them yet.
        await Expect(page.GetByTestId("active-alarm-count")).ToHaveTextAsync(new Regex(@"^\d+$"));
        // The alarms cleared in the last 24 h were read too (state=cleared with a since time the API accepted).
        await Expect(page.GetByTestId("cleared-alarm-count")).ToHaveTextAsync(new Regex(@"^\d+$"));
        var lampAlarm = page.Locator($"[data-testid=alarm-item][data-device='{RunningPlatform.FailingLamp}']");
        Assert.True(await lampAlarm.CountAsync() == 0,
            $"The alarm of {RunningPlatform.FailingLamp} was listed before the page went live: start-up and sign-in took longer than " +
            $"the {RunningPlatform.LampFailsAfter.TotalSeconds:F0} s before the lamp fails, so this run cannot show it arriving live.");
        // A mark on this document: a reload or navigation would lose it.
        await page.EvaluateAsync("() => { window.pcSamePage = true; }");

        await Expect(lampAlarm).ToBeVisibleAsync(new() { Timeout = (float)ScenarioTimeout.TotalMilliseconds });

        Assert.True(await page.EvaluateAsync<bool>("() => window.pcSamePage === true"), "The page was reloaded to show the alarm.");
        await Expect(lampAlarm).ToHaveAttributeAsync("data-rule-id", RunningPlatform.LampRuleId);
        await Expect(lampAlarm).ToHaveAttributeAsync("data-state", "active");
        await Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "on");
        // The status table is re-read after the alarm event and counts the lamp as alarmed in its zone.
        var lampRow = page.Locator("[data-testid=status-row][data-zone='north-street'][data-kind='light']");
        await Expect(lampRow.GetByTestId("count-alarmed")).ToHaveTextAsync("1");
        await Artifacts.ScreenshotAsync(page, "manager");
        await page.Context.CloseAsync();
    }
}
