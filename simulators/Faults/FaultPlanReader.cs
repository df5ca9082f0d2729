using System.Globalization;

namespace ParkCommunity.Simulators.Faults;

/// <summary>
/// Builds a <see cref="FaultPlan"/> from named settings, the same way for a scenario file entry and for
/// <c>--fault kind:devices[:key=value…]</c>, so both report problems alike: source first, then the setting.
/// </summary>
internal static class FaultPlanReader
{
    public const string CommandLineSyntax = "kind:device[,device…][:at=DURATION][:for=DURATION][:rate=0.3][:factor=20][:skew=10m][:per_hour=5][:field=NAME]";

    public static readonly IReadOnlySet<string> Settings = new HashSet<string>(StringComparer.Ordinal)
    {
        "fault", "devices", "at", "for", "rate", "factor", "skew", "per_hour", "field",
    };

    /// <summary>Parses one <c>--fault</c> value; problems are thrown as <see cref="ScenarioException"/>.</summary>
    public static FaultPlan FromCommandLine(string text)
    {
        var source = $"--fault \"{text}\"";
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ScenarioException(source, $"expected {CommandLineSyntax}");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["fault"] = parts[0] };
        foreach (var part in parts.Skip(2))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ScenarioException(source, $"'{part}' is not key=value; expected {CommandLineSyntax}");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return Create(settings, parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), source);
    }

    public static FaultPlan Create(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> devices, string source)
    {
        foreach (var key in settings.Keys.Where(k => !Settings.Contains(k)))
        {
            throw new ScenarioException(source, $"unknown setting '{key}' (known: {string.Join(", ", Settings)})");
        }

        if (!settings.TryGetValue("fault", out var name) || !FaultKinds.TryParse(name, out var kind))
        {
            throw new ScenarioException(source, $"unknown fault '{settings.GetValueOrDefault("fault")}' (known: {string.Join(", ", FaultKinds.Names)})");
        }

        if (devices.Count == 0)
        {
            throw new ScenarioException(source, "no devices given");
        }

        var at = settings.TryGetValue("at", out var a) ? Duration(a, "at", source) : TimeSpan.Zero;
        if (at < TimeSpan.Zero)
        {
            throw new ScenarioException(source, $"at must not be negative (was {a})");
        }

        TimeSpan? length = settings.TryGetValue("for", out var f) ? Duration(f, "for", source) : null;
        if (length <= TimeSpan.Zero)
        {
            throw new ScenarioException(source, $"for must be positive (was {f})");
        }

        var parameters = new FaultParameters();
        if (settings.TryGetValue("rate", out var rate))
        {
            parameters = parameters with { Rate = Number(rate, "rate", source, 0, 1, exclusiveMin: true) };
        }

        if (settings.TryGetValue("factor", out var factor))
        {
            parameters = parameters with { Factor = (int)Number(factor, "factor", source, 2, 1000, exclusiveMin: false) };
        }

        if (settings.TryGetValue("skew", out var skew))
        {
            parameters = parameters with { Skew = Duration(skew, "skew", source) };
        }

        if (settings.TryGetValue("per_hour", out var perHour))
        {
            parameters = parameters with { PerHour = Number(perHour, "per_hour", source, -1e6, 1e6, exclusiveMin: false) };
        }

        if (settings.TryGetValue("field", out var field))
        {
            parameters = parameters with { Field = field };
        }

        return new FaultPlan(kind, devices, at, length, parameters, source);
    }

    /// <summary>Durations as <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>, <c>-5m</c> or <c>hh:mm[:ss]</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        duration = TimeSpan.Zero;
        var sign = text.StartsWith('-') ? -1 : 1;
        var rest = text.TrimStart('-', '+');
        if (rest.Length == 0)
        {
            return false;
        }

        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            var unitLength = rest.AsSpan(digits).StartsWith("ms") ? 2 : 1;
            if (digits == 0 || digits + unitLength > rest.Length
                || !double.TryParse(rest.AsSpan(0, digits), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            TimeSpan? part = rest.Substring(digits, unitLength) switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "d" => TimeSpan.FromDays(value),
                _ => null,
            };
            if (part is null)
            {
                return false;
            }

            duration += part.Value;
            rest = rest[(digits + unitLength)..];
        }

        duration *= sign;
        return true;
    }

    private static TimeSpan Duration(string text, string name, string source) =>
        TryParseDuration(text, out var duration)
            ? duration
            : throw new ScenarioException(source, $"{name} '{text}' is not a duration (e.g. 90s, 15m, 2h, 1h30m, 02:30:00)");

    private static double Number(string text, string name, string source, double min, double max, bool exclusiveMin)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
            || (exclusiveMin ? value <= min : value < min) || value > max)
        {
            throw new ScenarioException(source, $"{name} must be a number {(exclusiveMin ? ">" : "≥")} {min} and ≤ {max} (was '{text}')");
        }

        return value;
    }
}
