using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Open311;

/// <summary>The GeoReport v2 services offered: one per work-order category, its code being the category's wire name.</summary>
internal static class Open311Services
{
    private static readonly Dictionary<WorkOrderCategory, (string Name, string Description, string Group)> Catalogue = new()
    {
        [WorkOrderCategory.Electrical] = ("Lighting and electrical", "A street or path light that is dark, flickering or damaged; exposed wiring.", "Infrastructure"),
        [WorkOrderCategory.Gardening] = ("Gardens and trees", "Damaged plants or trees, broken irrigation, overgrown paths.", "Green spaces"),
        [WorkOrderCategory.Parking] = ("Parking", "Blocked bays, a stuck gate, a faulty EV charger.", "Mobility"),
        [WorkOrderCategory.Security] = ("Safety and security", "A forced or broken door, a damaged fence, something unsafe.", "Safety"),
        [WorkOrderCategory.Cleaning] = ("Cleaning", "Litter, overflowing bins, graffiti, spills.", "Green spaces"),
        [WorkOrderCategory.Other] = ("Other", "Anything else about the park or community facilities.", "Other"),
    };

    public static IEnumerable<WorkOrderCategory> All => Catalogue.Keys;

    public static string NameOf(WorkOrderCategory category) => Catalogue[category].Name;

    public static ServiceJson Describe(WorkOrderCategory category)
    {
        var (name, description, group) = Catalogue[category];
        return new ServiceJson(WireNames.Of(category), name, description, Metadata: true, Type: "realtime", Keywords: WireNames.Of(category), group);
    }

    /// <summary>The service definition: the attributes a report of any service carries (GeoReport v2 GET service definition).</summary>
    public static ServiceDefinitionJson Definition(WorkOrderCategory category) => new(
        WireNames.Of(category),
        [
            new AttributeJson(Variable: true, Code: "grid", Datatype: "string", Required: true, DatatypeDescription: "Grid id, e.g. north",
                Order: 1, Description: "The grid of the park where the problem is."),
            new AttributeJson(Variable: true, Code: "zone", Datatype: "string", Required: false, DatatypeDescription: "Zone id, e.g. elm-street",
                Order: 2, Description: "The zone within the grid, if known."),
        ]);
}
