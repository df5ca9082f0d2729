using System.Globalization;
using System.Text.Json.Serialization;

namespace ParkCommunity.CaseSystem.Open311;

// The response shapes of GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), field names as the spec spells them.

internal sealed record ServiceJson(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

internal sealed record ServiceDefinitionJson(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<AttributeJson> Attributes);

internal sealed record AttributeJson(
    [property: JsonPropertyName("variable")] bool Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("datatype_description")] string DatatypeDescription,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("description")] string Description);

internal sealed record RequestCreatedJson(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId = null);

internal sealed record ServiceRequestJson(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("agency_responsible")] string? AgencyResponsible,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime")] string? ExpectedDatetime,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("address_id")] string? AddressId,
    [property: JsonPropertyName("zipcode")] string? Zipcode,
    [property: JsonPropertyName("lat")] double? Lat,
    [property: JsonPropertyName("long")] double? Long,
    [property: JsonPropertyName("media_url")] string? MediaUrl);

internal sealed record ErrorJson(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);

internal static class Open311Time
{
    /// <summary>ISO 8601 with offset, as the spec's examples (<c>2010-04-14T06:37:38-08:00</c>).</summary>
    public static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
