using ParkCommunity.DashboardApi.Audit;

namespace ParkCommunity.DashboardApi.Tests.Data;

/// <summary>What the <see cref="IAuditLog"/> must do on every database must do; one subclass per real database.</summary>
public abstract class AuditLogContract<TMaker> : IAsyncLifetime where TMaker : IDatabaseMaker, new()
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);
    private readonly TMaker _maker = new();
    private SqlAuditLog _log = null!;

    // One log class serves both databases; the backends differ in the DashboardDatabase under it.
    public async Task InitializeAsync() => _log = new SqlAuditLog(await ((IDatabaseMaker)_maker).CreateAsync());

    public async Task DisposeAsync() => await _maker.DisposeAsync();

    private Task AddAsync(int minutes, string actor, string action, string? detail = null, string? ip = "10.0.0.1") =>
        _log.AppendAsync(new AuditRecord(T0.AddMinutes(minutes), actor, action, "WO-1", detail, ip), CancellationToken.None);

    [Fact]
    public async Task RecordsRoundTripNewestFirst()
    {
        await AddAsync(0, "crew-a", AuditActions.WorkOrderTransition, "open → assigned");
        await AddAsync(1, "auditor", AuditActions.SignIn, null, null);

        var records = await _log.QueryAsync(new AuditQuery(), CancellationToken.None);

        Assert.Equal(
            [new AuditRecord(T0.AddMinutes(1), "auditor", AuditActions.SignIn, "WO-1", null, null), new AuditRecord(T0, "crew-a", AuditActions.WorkOrderTransition, "WO-1", "open → assigned", "10.0.0.1")],
            records);
    }

    [Fact]
    public async Task QueriesFilterByTimeActorAndActionAndHonourTheLimit()
    {
        for (var i = 0; i < 5; i++)
        {
            await AddAsync(i, i % 2 == 0 ? "a" : "b", i < 3 ? AuditActions.SignIn : AuditActions.WorkOrderComment);
        }

        Assert.Equal([2, 1], (await _log.QueryAsync(new AuditQuery(From: T0.AddMinutes(1), To: T0.AddMinutes(3)), CancellationToken.None)).Select(r => r.At.Minute));
        Assert.Equal([4, 2, 0], (await _log.QueryAsync(new AuditQuery(Actor: "a"), CancellationToken.None)).Select(r => r.At.Minute));
        Assert.Equal([4, 3], (await _log.QueryAsync(new AuditQuery(Action: AuditActions.WorkOrderComment), CancellationToken.None)).Select(r => r.At.Minute));
        Assert.Equal([4, 3], (await _log.QueryAsync(new AuditQuery(Limit: 2), CancellationToken.None)).Select(r => r.At.Minute));
    }
}

public sealed class SqliteAuditLogTests : AuditLogContract<SqliteDatabaseMaker>;

public sealed class PostgresAuditLogTests : AuditLogContract<PostgresDatabaseMaker>;
