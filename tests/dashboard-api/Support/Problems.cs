using System.Net;
using System.Text.Json;

namespace ParkCommunity.DashboardApi.Tests.Support;

/// <summary>Assertions on Problem Details answers.</summary>
public static class Problems
{
    /// <summary>Asserts the status and the problem+json body, and returns the body.</summary>
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem with an error under <paramref name="field"/> containing <paramref name="text"/>.</summary>
    public static async Task<string> AssertFieldAsync(HttpResponseMessage response, string field, string text)
    {
        var problem = await AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        var message = string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(text, message, StringComparison.Ordinal);
        return message;
    }
}
