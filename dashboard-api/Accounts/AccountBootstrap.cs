using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Audit;
using ParkCommunity.DashboardApi.Data;
using ParkCommunity.DashboardApi.Hosting;

namespace ParkCommunity.DashboardApi.Accounts;

/// <summary>
/// At start: creates the dashboard tables, seeds the demo accounts when configured, and in Production refuses to
/// start while any account still has its public demo password — naming the accounts so an operator can act.
/// </summary>
internal sealed class AccountBootstrap(
    DashboardDatabase database,
    IAccountStore accounts,
    PasswordCheck passwords,
    IAuditLog audit,
    IOptions<DashboardOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<AccountBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.DatabaseReady(database.Location);
        if (options.Value.SeedDemoAccounts)
        {
            await SeedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (options.Value.InitialAdminPassword is { Length: > 0 } initial)
        {
            var admin = new Account("admin", "Administrator", passwords.Hash(initial), [Roles.Admin], [], null, null, time.GetUtcNow());
            if (await accounts.CreateAsync(admin, cancellationToken).ConfigureAwait(false))
            {
                await audit.AppendAsync(new AuditRecord(time.GetUtcNow(), "system", AuditActions.AccountCreate, "admin", "initial admin from configuration", null),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        if (environment.IsProduction())
        {
            await RefuseDemoPasswordsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in DemoAccounts.All)
        {
            var account = new Account(demo.Username, demo.DisplayName, passwords.Hash(demo.Password), [demo.Role], demo.Grids, demo.CrewId,
                DemoAccounts.Site, time.GetUtcNow());
            if (await accounts.CreateAsync(account, cancellationToken).ConfigureAwait(false))
            {
                logger.DemoAccountSeeded(demo.Username);
                await audit.AppendAsync(new AuditRecord(time.GetUtcNow(), "system", AuditActions.AccountCreate, demo.Username, "demo account seeded", null),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RefuseDemoPasswordsAsync(CancellationToken cancellationToken)
    {
        var stillDemo = new List<string>();
        foreach (var demo in DemoAccounts.All)
        {
            if (await accounts.FindAsync(demo.Username, cancellationToken).ConfigureAwait(false) is { } account && passwords.Matches(account, demo.Password))
            {
                stillDemo.Add(demo.Username);
            }
        }

        if (stillDemo.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to start in Production: account(s) {string.Join(", ", stillDemo)} still have their public demo password " +
                $"(database {database.Location}). Set {DashboardOptions.Section}:SeedDemoAccounts to false and change or remove those accounts.");
        }
    }
}
