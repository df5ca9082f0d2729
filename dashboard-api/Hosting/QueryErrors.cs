using System.Globalization;

namespace ParkCommunity.DashboardApi.Hosting;

/// <summary>
/// Collects every problem with a request's parameters, each under the parameter's name, and turns them into one
/// 400 validation Problem Details — so a client learns about all bad parameters at once.
/// </summary>
internal sealed class QueryErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public DateTimeOffset? Time(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        Add(field, $"{field} '{value}' is not an ISO 8601 time such as 2026-11-29T05:00:00Z.");
        return null;
    }

    public int? Int(string field, string? value, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Add(field, $"{field} '{value}' must be a whole number from {min} to {max}.");
        return null;
    }

    public bool? Bool(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        Add(field, $"{field} '{value}' must be true or false.");
        return null;
    }

    /// <summary>
    /// A [from, to) range: <paramref name="defaultSpan"/> back from now when from is missing, now when to is missing;
    /// to must follow from and the span must not exceed <paramref name="maxSpan"/>.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, DateTimeOffset now, TimeSpan defaultSpan, TimeSpan maxSpan)
    {
        var end = Time("to", to) ?? now;
        var start = Time("from", from) ?? end - defaultSpan;
        if (end <= start)
        {
            Add("to", $"to ({end:O}) must be after from ({start:O}).");
        }
        else if (end - start > maxSpan)
        {
            Add("from", string.Create(CultureInfo.InvariantCulture,
                $"The range from {start:O} to {end:O} is {(end - start).TotalDays:0.#} days; at most {maxSpan.TotalDays:0} days can be read at once."));
        }

        return (start, end);
    }

    public IResult Result() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
        detail: string.Join(" ", _errors.Values.SelectMany(v => v)),
        title: "The request has invalid parameters.");
}
