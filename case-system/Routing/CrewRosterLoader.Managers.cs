using YamlDotNet.RepresentationModel;

namespace ParkCommunity.CaseSystem.Routing;

/// <summary>The roster's optional <c>managers</c> section: grid id → name and contact of whoever answers for the grid.</summary>
public static partial class CrewRosterLoader
{
    private static Dictionary<string, GridManager> ReadManagers(YamlNode? node, Action<YamlNode?, string> problem)
    {
        var managers = new Dictionary<string, GridManager>(StringComparer.Ordinal);
        if (node is null)
        {
            return managers;
        }

        if (node is not YamlMappingNode mapping)
        {
            problem(node, "'managers' must map grid ids to a manager with name and contact");
            return managers;
        }

        foreach (var (gridNode, managerNode) in mapping.Children)
        {
            var grid = Scalar(gridNode);
            if (grid is null || !IdPattern().IsMatch(grid))
            {
                problem(gridNode, $"manager grid '{grid}' is not a valid grid id");
                continue;
            }

            if (managerNode is not YamlMappingNode manager)
            {
                problem(managerNode, $"manager of grid '{grid}' must be a mapping with name and contact");
                continue;
            }

            var name = Scalar(Child(manager, "name"));
            var contact = Scalar(Child(manager, "contact"));
            if (name is null or { Length: > 128 })
            {
                problem(Child(manager, "name") ?? manager, $"manager of grid '{grid}' needs a 'name' of 1-128 characters");
            }
            else if (contact is { Length: > 128 })
            {
                problem(Child(manager, "contact"), $"contact of grid '{grid}' manager is longer than 128 characters");
            }
            else
            {
                managers[grid] = new GridManager(grid, name, contact);
            }
        }

        return managers;
    }
}
