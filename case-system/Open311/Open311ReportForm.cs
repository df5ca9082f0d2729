using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Open311;

/// <summary>A resident's report as read from a GeoReport v2 <c>POST requests</c> form.</summary>
internal sealed record Open311Report(
    WorkOrderCategory Category,
    WorkOrderLocation Location,
    string? Description,
    double? Lat,
    double? Long,
    string? Address,
    string? CallbackContact)
{
    public const int MaxDescriptionLength = 3000;

    public string Title
    {
        get
        {
            var name = Open311Services.NameOf(Category);
            if (Description is null)
            {
                return name;
            }

            var firstLine = Description.Split('\n', 2)[0].Trim();
            return firstLine.Length == 0 ? name : $"{name}: {(firstLine.Length > 100 ? firstLine[..100] + "…" : firstLine)}";
        }
    }

    /// <summary>What the crew should read first: the resident's words and where, kept as the order's first comment.</summary>
    public string? Details
    {
        get
        {
            var where = (Lat, Long, Address) switch
            {
                ({ } lat, { } lon, { } address) => string.Create(CultureInfo.InvariantCulture, $"{address} ({lat:0.######}, {lon:0.######})"),
                ({ } lat, { } lon, null) => string.Create(CultureInfo.InvariantCulture, $"{lat:0.######}, {lon:0.######}"),
                (_, _, { } address) => address,
                _ => null,
            };
            return (Description, where) switch
            {
                (null, null) => null,
                ({ } text, null) => $"Resident's description: {text}",
                (null, { } place) => $"Reported location: {place}",
                ({ } text, { } place) => $"Resident's description: {text}\nReported location: {place}",
            };
        }
    }
}

/// <summary>
/// Reads and checks the form of GeoReport v2 <c>POST requests</c>, naming the field of every problem. Placing a report:
/// the site is <c>jurisdiction_id</c> (or the configured default), the grid is the required <c>attribute[grid]</c>
/// (one the crew roster knows), the zone the optional <c>attribute[zone]</c>. Names and device or account ids are
/// not read at all: only <c>email</c> or <c>phone</c> is kept, as the call-back contact.
/// </summary>
internal static partial class Open311ReportForm
{
    private const int MaxAddressLength = 300;
    private const int MaxContactLength = 128;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    public static Open311Report? Read(IFormCollection form, Open311Options options, CrewRoster roster, List<string> problems)
    {
        var site = Value(form, "jurisdiction_id") ?? options.DefaultSite;
        if (site is null)
        {
            problems.Add("jurisdiction_id is required: it names the site (park) the report is about");
        }
        else if (!IdPattern().IsMatch(site))
        {
            problems.Add($"jurisdiction_id '{site}' is not a site id (1-64 characters of A-Z, a-z, 0-9, '_' or '-')");
        }

        WorkOrderCategory category = default;
        var serviceCode = Value(form, "service_code");
        if (serviceCode is null)
        {
            problems.Add("service_code is required (see services.json)");
        }
        else if (!WireNames.TryParse(serviceCode, out category))
        {
            problems.Add($"service_code '{serviceCode}' is not a service of this endpoint (one of: {string.Join(", ", WireNames.AllCategories)})");
        }

        var grids = KnownGrids(roster);
        var grid = Value(form, "attribute[grid]");
        if (grid is null)
        {
            problems.Add($"attribute[grid] is required: the grid where the problem is (one of: {string.Join(", ", grids)})");
        }
        else if (!grids.Contains(grid))
        {
            problems.Add($"attribute[grid] '{grid}' is not a grid of this site (one of: {string.Join(", ", grids)})");
        }

        var zone = Value(form, "attribute[zone]");
        if (zone is not null && !IdPattern().IsMatch(zone))
        {
            problems.Add($"attribute[zone] '{zone}' is not a zone id (1-64 characters of A-Z, a-z, 0-9, '_' or '-')");
        }

        var lat = Coordinate(form, "lat", 90, problems);
        var lon = Coordinate(form, "long", 180, problems);
        var address = Value(form, "address_string");
        if ((lat is null) != (lon is null) && !problems.Any(p => p.StartsWith("lat", StringComparison.Ordinal) || p.StartsWith("long", StringComparison.Ordinal)))
        {
            problems.Add(lat is null ? "lat is required when long is given" : "long is required when lat is given");
        }
        else if (lat is null && lon is null && address is null && Value(form, "lat") is null && Value(form, "long") is null)
        {
            // GeoReport v2: "lat & long or address_string or address_id" — one location is required.
            problems.Add("lat and long, or address_string, is required: where is the problem?");
        }

        if (address is { Length: > MaxAddressLength })
        {
            problems.Add($"address_string is longer than {MaxAddressLength} characters");
        }

        var description = Value(form, "description");
        if (description is { Length: > Open311Report.MaxDescriptionLength })
        {
            problems.Add($"description is longer than {Open311Report.MaxDescriptionLength} characters");
        }

        var contact = Value(form, "email") ?? Value(form, "phone");
        if (contact is { Length: > MaxContactLength })
        {
            problems.Add($"{(Value(form, "email") is null ? "phone" : "email")} is longer than {MaxContactLength} characters");
        }

        return problems.Count > 0
            ? null
            : new Open311Report(category, new WorkOrderLocation(site!, grid!, zone), description, lat, lon, address, contact);
    }

    private static SortedSet<string> KnownGrids(CrewRoster roster) =>
        new(roster.Crews.SelectMany(c => c.Grids).Concat(roster.DefaultCrewByGrid.Keys).Concat(roster.ManagersByGrid.Keys), StringComparer.Ordinal);

    private static double? Coordinate(IFormCollection form, string field, double limit, List<string> problems)
    {
        if (Value(form, field) is not { } text)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || Math.Abs(value) > limit)
        {
            problems.Add($"{field} '{text}' is not a WGS84 decimal degree between -{limit} and {limit}");
            return null;
        }

        return value;
    }

    private static string? Value(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;
}
