namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>Where the work is: always a site and grid (crews are routed by grid), a zone and device when known.</summary>
public sealed record WorkOrderLocation(string Site, string Grid, string? Zone = null, string? Device = null);
