using Microsoft.Playwright;

namespace ParkCommunity.Browser.Tests.Support;

/// <summary>Signs in through the sign-in form, as a person does, and waits for the first page the roles allow.</summary>
public static class SignIn
{
    public static async Task AsAsync(IPage page, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/sign-in");
        await page.GetByTestId("sign-in-username").FillAsync(username);
        await page.GetByTestId("sign-in-password").FillAsync(password);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
    }
}
