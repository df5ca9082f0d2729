using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.Rules.Switches;

namespace ParkCommunity.DashboardApi.Tests.Rules;

public sealed class RuleEndpointTests : IDisposable
{
    private const string GoodRule = """
        rules:
          - id: lamp-dark-test
            name: Lamp dark (test)
            select: { kind: light }
            threshold:
              all: ["power_w < 5"]
              for: 10m
            every: 1m
            severity: minor
        """;

    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static JsonElement Rule(JsonElement rules, string id) => rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    [Fact]
    public async Task TheRulesOfTheSampleFilesAreListedInTheContractShape()
    {
        var rules = await (await _factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/rules");

        var rule = Rule(rules, "lamp-failure");
        Assert.Equal("Lamp switched on but dark", rule.GetProperty("name").GetString());
        Assert.True(rule.GetProperty("enabled").GetBoolean());
        Assert.Equal("threshold", rule.GetProperty("kind").GetString());
        Assert.Equal("major", rule.GetProperty("severity").GetString());
        Assert.Equal("1m", rule.GetProperty("every").GetString());
        Assert.Equal("lighting.yaml", rule.GetProperty("file").GetString());
    }

    [Fact]
    public async Task AManagerDisablesARuleForEveryoneAndLeavesOneAuditRecord()
    {
        var manager = await _factory.ClientForAsync("manager");

        var response = await manager.PostAsync("/api/rules/lamp-failure/disable", null);

        response.EnsureSuccessStatusCode();
        var rule = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(rule.GetProperty("enabled").GetBoolean());
        Assert.True(rule.GetProperty("enabledInFile").GetBoolean());
        Assert.Equal("manager", rule.GetProperty("switchedBy").GetString());
        Assert.False(Rule(await (await _factory.ClientForAsync("planner")).GetFromJsonAsync<JsonElement>("/api/rules"), "lamp-failure").GetProperty("enabled").GetBoolean());
        Assert.False((await _factory.Service<IRuleSwitchStore>().ListAsync())["lamp-failure"].Enabled);
        var records = await (await _factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit?action=rule.disable");
        var record = Assert.Single(records.EnumerateArray());
        Assert.Equal(("manager", "lamp-failure"), (record.GetProperty("actor").GetString(), record.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task AnAdminEnablesARuleAgain()
    {
        var admin = await _factory.ClientForAsync("admin");
        (await admin.PostAsync("/api/rules/lamp-failure/disable", null)).EnsureSuccessStatusCode();

        var rule = await (await admin.PostAsync("/api/rules/lamp-failure/enable", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(rule.GetProperty("enabled").GetBoolean());
        var records = await (await _factory.ClientForAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit?action=rule.enable");
        Assert.Single(records.EnumerateArray());
    }

    [Fact]
    public async Task PlannersCrewsAndAuditorsCannotSwitchRules()
    {
        foreach (var user in new[] { "planner", "crew-north", "auditor" })
        {
            await Problems.AssertAsync(await (await _factory.ClientForAsync(user)).PostAsync("/api/rules/lamp-failure/disable", null), HttpStatusCode.Forbidden);
        }

        Assert.Empty(await _factory.Service<IRuleSwitchStore>().ListAsync());
    }

    [Fact]
    public async Task SwitchingAnUnknownRuleAnswersNotFound()
    {
        var problem = await Problems.AssertAsync(
            await (await _factory.ClientForAsync("admin")).PostAsync("/api/rules/no-such-rule/enable", null), HttpStatusCode.NotFound);

        Assert.Contains("no-such-rule", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGoodRuleFileValidatesAsYamlText()
    {
        var response = await (await _factory.ClientForAsync("manager")).PostAsync(
            "/api/rules/validate", new StringContent(GoodRule, Encoding.UTF8, "application/yaml"));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Empty(result.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task EveryProblemOfABadRuleFileIsNamedWithItsPlace()
    {
        var bad = GoodRule.Replace("severity: minor", "severity: urgent", StringComparison.Ordinal).Replace("every: 1m", "every: soon", StringComparison.Ordinal);

        var response = await (await _factory.ClientForAsync("admin")).PostAsJsonAsync("/api/rules/validate?file=mine.yaml", new { yaml = bad });

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("valid").GetBoolean());
        var problems = result.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "severity" && p.GetProperty("line").GetInt32() == 9);
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "every" && p.GetProperty("line").GetInt32() == 8);
        Assert.All(problems, p => Assert.Equal(("mine.yaml", "lamp-dark-test"), (p.GetProperty("file").GetString(), p.GetProperty("rule").GetString())));
        Assert.All(problems, p => Assert.True(p.GetProperty("column").GetInt32() >= 1));
    }

    [Fact]
    public async Task ARuleIdUsedInAnotherFileIsAProblem()
    {
        var clash = GoodRule.Replace("lamp-dark-test", "lamp-failure", StringComparison.Ordinal);

        var result = await (await (await _factory.ClientForAsync("admin")).PostAsync(
            "/api/rules/validate", new StringContent(clash, Encoding.UTF8, "text/plain"))).Content.ReadFromJsonAsync<JsonElement>();

        var problem = Assert.Single(result.GetProperty("problems").EnumerateArray());
        Assert.Equal("id", problem.GetProperty("field").GetString());
        Assert.Contains("lighting.yaml", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsupportedContentTypeIsRefused()
    {
        var response = await (await _factory.ClientForAsync("admin")).PostAsync(
            "/api/rules/validate", new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = new("application/octet-stream") } });

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AJsonBodyWithoutYamlNamesTheField()
    {
        var response = await (await _factory.ClientForAsync("admin")).PostAsJsonAsync("/api/rules/validate", new { text = "rules: []" });

        await Problems.AssertFieldAsync(response, "yaml", "required");
    }

    [Fact]
    public async Task PlannersCannotValidate()
    {
        await Problems.AssertAsync(
            await (await _factory.ClientForAsync("planner")).PostAsync("/api/rules/validate", new StringContent(GoodRule)), HttpStatusCode.Forbidden);
    }
}
