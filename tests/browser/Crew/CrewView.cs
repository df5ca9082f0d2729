using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ParkCommunity.Browser.Tests.Support;
using ParkCommunity.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    /// <summary>The crew of the demo account crew-electric (docs/dashboard-api.md): on shift 08–20 Asia/Shanghai.</summary>
    private const string DayElectricians = "electricians-day";

    [Fact, Step(3)]
    public async Task TheCrewOnDutyStartsAndResolvesTheLampsWorkOrderWithAComment()
    {
        using var api = await PlatformApi.SignInAsync(platform.BaseUrl, "admin", "admin-demo");
        // The rule engine opens the order, then routes it to a crew: wait for both.
        var order = (await Eventually.ReturnsAsync(
            () => api.FindAlarmWorkOrderAsync(RunningPlatform.FailingLamp), o => o is { } found && CrewOf(found) is not null, ScenarioTimeout))!.Value;
        var id = order.GetProperty("id").GetString()!;

        // Routing gives the order to the electrical crew on shift: by night (20–08 Shanghai) that is night-on-call, which
        // has no demo account, so the manager hands it to the day electricians in the manager view first.
        if (CrewOf(order) != DayElectricians)
        {
            await AssignInManagerViewAsync(id, DayElectricians);
            await Eventually.ReturnsAsync(() => api.GetAsync($"api/work-orders/{id}"), o => CrewOf(o) == DayElectricians);
        }

        var page = await platform.NewPageAsync();
        await SignIn.AsAsync(page, "crew-electric", "crew-demo");
        await Expect(page).ToHaveURLAsync(new Regex("/crew$"));
        var item = page.GetByTestId("my-work-orders").Locator($"[data-testid=work-order-item][data-work-order-id='{id}']");
        await Expect(item).ToHaveAttributeAsync("data-status", "assigned");

        await item.GetByTestId("work-order-start").ClickAsync();
        await Expect(item).ToHaveAttributeAsync("data-status", "in_progress");

        const string comment = "Replaced the lamp driver; the lamp draws 58 W again.";
        await item.GetByTestId("work-order-comment").FillAsync(comment);
        await item.GetByTestId("work-order-resolve").ClickAsync();
        await Expect(item).ToHaveAttributeAsync("data-status", "resolved");
        await item.GetByTestId("work-order-details").ClickAsync();
        await Expect(item.GetByTestId("work-order-timeline")).ToContainTextAsync(comment);
        await Expect(item.GetByTestId("device-readings-chart").Locator("canvas")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(page, "crew");
        await page.Context.CloseAsync();

        var stored = await api.GetAsync($"api/work-orders/{id}");
        Assert.Equal("resolved", stored.GetProperty("status").GetString());
        Assert.Contains(stored.GetProperty("timeline").EnumerateArray(), entry =>
            entry.GetProperty("text").GetString()?.Contains(comment, StringComparison.Ordinal) == true
            && entry.GetProperty("actor").GetString() == "crew-electric");
    }

    private async Task AssignInManagerViewAsync(string workOrderId, string crewId)
    {
        var page = await platform.NewPageAsync();
        await SignIn.AsAsync(page, "manager", "manager-demo");
        var item = page.Locator($"[data-testid=manager-work-order-item][data-work-order-id='{workOrderId}']");
        await item.GetByTestId("work-order-crew").FillAsync(crewId);
        await item.GetByTestId("work-order-assign").ClickAsync();
        await Expect(page.GetByTestId("info")).ToContainTextAsync(workOrderId);
        await Artifacts.ScreenshotAsync(page, "manager-reassign");
        await page.Context.CloseAsync();
    }

    private static string? CrewOf(JsonElement order) =>
        order.GetProperty("assignee") is { ValueKind: JsonValueKind.Object } assignee ? assignee.GetProperty("crewId").GetString() : null;
}
