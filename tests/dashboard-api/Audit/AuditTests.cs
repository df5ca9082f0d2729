using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParkCommunity.DashboardApi.Tests.Support;

namespace ParkCommunity.DashboardApi.Tests.Audit;

public sealed class AuditTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OnlyAuditorsReadTheAuditLog()
    {
        foreach (var user in new[] { "admin", "manager", "planner", "crew-electric" })
        {
            await Problems.AssertAsync(await (await _factory.ClientForAsync(user)).GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        }

        await Problems.AssertAsync(await _factory.CreateClient().GetAsync("/api/audit"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EachSignInLeavesExactlyOneRecordWithActorAndAddress()
    {
        var auditor = await _factory.ClientForAsync("auditor");
        (await _factory.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { username = "planner", password = "planner-demo" })).EnsureSuccessStatusCode();

        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=sign-in&actor=planner");

        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal("planner", record.GetProperty("target").GetString());
        Assert.Equal(DashboardFactory.Start, record.GetProperty("at").GetDateTimeOffset());
        Assert.True(record.TryGetProperty("ip", out _));
    }

    [Fact]
    public async Task TheSeededDemoAccountsWereRecordedAsCreated()
    {
        var auditor = await _factory.ClientForAsync("auditor");

        var records = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=account.create");

        Assert.Equal(7, records.GetArrayLength());
        Assert.All(records.EnumerateArray(), r => Assert.Equal("system", r.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task FiltersByTimeAndLimitAndRefusesBadOnes()
    {
        var auditor = await _factory.ClientForAsync("auditor");
        _factory.Time.Advance(TimeSpan.FromHours(1));
        await _factory.ClientForAsync("planner");

        var later = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?from=2026-11-29T05:30:00Z&to=2026-11-29T07:00:00Z");
        var one = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?limit=1");

        Assert.Equal("planner", Assert.Single(later.EnumerateArray()).GetProperty("actor").GetString());
        Assert.Equal(1, one.GetArrayLength());
        await Problems.AssertFieldAsync(await auditor.GetAsync("/api/audit?limit=-4"), "limit", "whole number");
        await Problems.AssertFieldAsync(await auditor.GetAsync("/api/audit?from=2026-11-29T07:00:00Z&to=2026-11-29T06:00:00Z"), "to", "must be after from");
    }
}
