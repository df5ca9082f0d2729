using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ParkCommunity.Browser.Tests.Support;

/// <summary>
/// The dashboard API as an API client sees it (bearer token), for a test to check what the browser did against what
/// the platform stored — never to do the browser's part for it.
/// </summary>
public sealed class PlatformApi : IDisposable
{
    private readonly HttpClient _http;

    private PlatformApi(HttpClient http) => _http = http;

    public static async Task<PlatformApi> SignInAsync(Uri baseUrl, string username, string password)
    {
        var http = new HttpClient { BaseAddress = baseUrl };
        using var response = await http.PostAsJsonAsync("api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new PlatformApi(http);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The work order the rule engine raised for <paramref name="device"/>, once there is one.</summary>
    public async Task<JsonElement?> FindAlarmWorkOrderAsync(string device)
    {
        var orders = await GetAsync("api/work-orders");
        foreach (var order in orders.EnumerateArray())
        {
            if (order.GetProperty("location").TryGetProperty("device", out var d) && d.GetString() == device
                && order.GetProperty("source").GetProperty("type").GetString() == "alarm")
            {
                return order;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
