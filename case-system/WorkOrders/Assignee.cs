namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>Who does the work: a crew, a person, or a person within a crew. At least one is set.</summary>
public sealed record Assignee
{
    public Assignee(string? crewId, string? person = null)
    {
        if (string.IsNullOrWhiteSpace(crewId) && string.IsNullOrWhiteSpace(person))
        {
            throw new ArgumentException("An assignee needs a crew id, a person, or both.", nameof(crewId));
        }

        CrewId = string.IsNullOrWhiteSpace(crewId) ? null : crewId;
        Person = string.IsNullOrWhiteSpace(person) ? null : person;
    }

    public string? CrewId { get; }

    public string? Person { get; }

    public override string ToString() => (CrewId, Person) switch
    {
        (not null, not null) => $"{Person} ({CrewId})",
        (not null, null) => CrewId,
        _ => Person!,
    };
}
