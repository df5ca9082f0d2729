using System.Net;
using System.Text.RegularExpressions;
using ParkCommunity.Browser.Tests.Support;

namespace ParkCommunity.Browser.Tests;

public sealed partial class PlatformInTheBrowser
{
    /// <summary>
    /// The page and its scripts as the browser fetches them: a script answered with the index page instead (the
    /// front end's fallback route catching /assets/…) leaves every view blank, which this names directly.
    /// </summary>
    [Fact, Step(0)]
    public async Task TheIndexPageAndItsScriptsAreServedAsTheyAreBuilt()
    {
        using var http = new HttpClient { BaseAddress = platform.BaseUrl };
        using var index = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains("id=\"app\"", html, StringComparison.Ordinal);

        var scripts = Regex.Matches(html, "<script[^>]+src=\"(?<src>[^\"]+)\"").Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            using var response = await http.GetAsync(new Uri(script, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/javascript",
                $"{script} answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, not the built script " +
                "(text/javascript): static files must be looked for before the index.html fallback route is chosen.");
        }
    }
}
