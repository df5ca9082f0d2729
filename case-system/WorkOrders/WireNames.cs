using System.Collections.Frozen;

namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>
/// The snake_case names stored in the database, shown in the API and written in the crew roster. Spelled out
/// rather than derived from enum member names so renaming a C# member cannot silently change stored data.
/// </summary>
public static class WireNames
{
    private static readonly Map<WorkOrderStatus> Statuses = new(
        (WorkOrderStatus.Open, "open"), (WorkOrderStatus.Assigned, "assigned"), (WorkOrderStatus.InProgress, "in_progress"),
        (WorkOrderStatus.Resolved, "resolved"), (WorkOrderStatus.Closed, "closed"), (WorkOrderStatus.Cancelled, "cancelled"));

    private static readonly Map<WorkOrderCategory> Categories = new(
        (WorkOrderCategory.Electrical, "electrical"), (WorkOrderCategory.Gardening, "gardening"), (WorkOrderCategory.Parking, "parking"),
        (WorkOrderCategory.Security, "security"), (WorkOrderCategory.Cleaning, "cleaning"), (WorkOrderCategory.Other, "other"));

    private static readonly Map<WorkOrderPriority> Priorities = new(
        (WorkOrderPriority.P1, "P1"), (WorkOrderPriority.P2, "P2"), (WorkOrderPriority.P3, "P3"), (WorkOrderPriority.P4, "P4"));

    private static readonly Map<TimelineKind> TimelineKinds = new(
        (TimelineKind.Created, "created"), (TimelineKind.Assigned, "assigned"), (TimelineKind.StatusChanged, "status_changed"),
        (TimelineKind.Comment, "comment"), (TimelineKind.AlarmCleared, "alarm_cleared"), (TimelineKind.Reopened, "reopened"),
        (TimelineKind.Escalated, "escalated"));

    public static string Of(WorkOrderStatus value) => Statuses.Name(value);

    public static string Of(WorkOrderCategory value) => Categories.Name(value);

    public static string Of(WorkOrderPriority value) => Priorities.Name(value);

    public static string Of(TimelineKind value) => TimelineKinds.Name(value);

    public static bool TryParse(string name, out WorkOrderStatus value) => Statuses.TryParse(name, out value);

    public static bool TryParse(string name, out WorkOrderCategory value) => Categories.TryParse(name, out value);

    public static bool TryParse(string name, out WorkOrderPriority value) => Priorities.TryParse(name, out value);

    public static bool TryParse(string name, out TimelineKind value) => TimelineKinds.TryParse(name, out value);

    public static IEnumerable<string> AllCategories => Categories.Names;

    internal static WorkOrderStatus ParseStatus(string name) => Statuses.Parse(name);

    internal static WorkOrderCategory ParseCategory(string name) => Categories.Parse(name);

    internal static WorkOrderPriority ParsePriority(string name) => Priorities.Parse(name);

    internal static TimelineKind ParseTimelineKind(string name) => TimelineKinds.Parse(name);

    private sealed class Map<T> where T : struct, Enum
    {
        private readonly FrozenDictionary<T, string> _names;
        private readonly FrozenDictionary<string, T> _values;

        public Map(params (T Value, string Name)[] pairs)
        {
            _names = pairs.ToFrozenDictionary(p => p.Value, p => p.Name);
            _values = pairs.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        }

        public IEnumerable<string> Names => _values.Keys;

        public string Name(T value) => _names.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"No stored name for {typeof(T).Name}.{value}.");

        public bool TryParse(string name, out T value) => _values.TryGetValue(name, out value);

        public T Parse(string name) => _values.TryGetValue(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not a known {typeof(T).Name} (one of: {string.Join(", ", _values.Keys)}).");
    }
}
