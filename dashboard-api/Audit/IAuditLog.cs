namespace ParkCommunity.DashboardApi.Audit;

/// <summary>The append-only audit log. An action whose record cannot be written fails: accountability is not optional.</summary>
internal interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
