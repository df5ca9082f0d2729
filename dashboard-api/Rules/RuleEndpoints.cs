using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Switches;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Rules;

internal static class RuleEndpoints
{
    /// <summary>A rule file larger than this is refused unread; the sample files are a few KiB.</summary>
    public const int MaxRuleFileBytes = 256 * 1024;

    private static readonly string[] Switchers = [Roles.Admin, Roles.Manager];

    private static readonly string[] YamlTypes = ["text/plain", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static IEndpointRouteBuilder MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").WithTags("Rules");
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn).WithSummary("Every rule of the rule files, with run-time switches applied.");
        group.MapPost("/{id}/enable", (HttpContext c, RuleCatalog r, IRuleSwitchStore s, AuditTrail a, string id, CancellationToken t) => SwitchAsync(c, r, s, a, id, true, t))
            .RequireAuthorization(p => p.RequireRole(Switchers)).WithSummary("Turns a rule on at run time, whatever its file says.");
        group.MapPost("/{id}/disable", (HttpContext c, RuleCatalog r, IRuleSwitchStore s, AuditTrail a, string id, CancellationToken t) => SwitchAsync(c, r, s, a, id, false, t))
            .RequireAuthorization(p => p.RequireRole(Switchers)).WithSummary("Turns a rule off at run time, whatever its file says.");
        group.MapPost("/validate", ValidateAsync).RequireAuthorization(p => p.RequireRole(Switchers))
            .WithSummary("Checks a rule file's YAML (body: text/plain or application/yaml, or JSON {yaml}) without saving it.");
        return app;
    }

    private static async Task<IResult> List(RuleCatalog catalog, IRuleSwitchStore switches, CancellationToken cancellationToken)
    {
        // Reload is cheap when no file changed, and shows an edit without a restart.
        var rules = catalog.Reload().Rules;
        var overrides = await switches.ListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(rules.Select(r => RuleJson.Of(r, overrides)));
    }

    private static async Task<IResult> SwitchAsync(
        HttpContext context, RuleCatalog catalog, IRuleSwitchStore switches, AuditTrail audit, string id, bool enabled, CancellationToken cancellationToken)
    {
        if (catalog.Reload().Find(id) is not { } rule)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rule.", detail: $"Rule '{id}' does not exist in the rule files.");
        }

        var caller = Caller.From(context.User);
        await switches.SetAsync(id, enabled, caller.Username, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(context, enabled ? AuditActions.RuleEnable : AuditActions.RuleDisable, id,
            $"{Path.GetFileName(rule.SourceFile)}:{rule.SourceLine} (file says enabled: {(rule.Enabled ? "true" : "false")})").ConfigureAwait(false);
        var overrides = await switches.ListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(RuleJson.Of(rule, overrides));
    }

    private static async Task<IResult> ValidateAsync(
        HttpContext context, RuleCatalog catalog, CommunityRegistry registry, IOptions<JsonOptions> json, string? file, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var fileName = string.IsNullOrWhiteSpace(file) ? "uploaded.yaml" : Path.GetFileName(file);
        if (!fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("file", $"file '{file}' must be a rule file name ending in .yaml or .yml.");
        }

        var mediaType = context.Request.ContentType is { } type ? type.Split(';')[0].Trim().ToLowerInvariant() : "";
        var isJson = mediaType == "application/json";
        if (!isJson && !YamlTypes.Contains(mediaType))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: $"Content type '{mediaType}' is not accepted: send the rule file as text/plain or application/yaml, or JSON {{\"yaml\": \"…\"}}.");
        }

        if (context.Request.ContentLength > MaxRuleFileBytes)
        {
            errors.Add("body", $"The rule file is {context.Request.ContentLength} bytes; at most {MaxRuleFileBytes} are accepted.");
            return errors.Result();
        }

        var text = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            errors.Add("body", $"The rule file is larger than {MaxRuleFileBytes} bytes.");
        }
        else if (isJson)
        {
            text = YamlOf(text, json.Value.SerializerOptions, errors);
        }

        if (errors.Any)
        {
            return errors.Result();
        }

        var problems = RuleFileValidation.Validate(text!, fileName, catalog.Reload(), registry);
        return Results.Ok(new ValidationJson(problems.Count == 0, [.. problems.Select(RuleProblemJson.Of)]));
    }

    private sealed record YamlBody(string? Yaml);

    private static string? YamlOf(string body, JsonSerializerOptions options, QueryErrors errors)
    {
        try
        {
            if (JsonSerializer.Deserialize<YamlBody>(body, options)?.Yaml is { } yaml)
            {
                return yaml;
            }

            errors.Add("yaml", "yaml is required: the rule file's text.");
        }
        catch (JsonException exception)
        {
            errors.Add("body", $"The body is not JSON of the form {{\"yaml\": \"…\"}}: {exception.Message}");
        }

        return null;
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than <see cref="MaxRuleFileBytes"/> (a chunked upload has no length up front).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRuleFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
