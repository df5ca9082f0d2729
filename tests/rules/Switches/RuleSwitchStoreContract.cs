using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Rules.Switches;

namespace ParkCommunity.Rules.Tests.Switches;

/// <summary>What every <see cref="IRuleSwitchStore"/> must do, run against each real database by a subclass.</summary>
public abstract class RuleSwitchStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 5, 0, 0, 123, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IRuleSwitchStore Store { get; private set; } = null!;

    protected abstract Task<IRuleSwitchStore> CreateAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Store = await CreateAsync();
        await Store.InitializeAsync();
    }

    public Task DisposeAsync() => CleanUpAsync();

    [Fact]
    public async Task ANewStoreHasNoSwitches()
    {
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task ASwitchRoundTripsWhoAndWhen()
    {
        var set = await Store.SetAsync("lamp-failure", false, "manager");

        var read = Assert.Single(await Store.ListAsync()).Value;

        Assert.Equal(new RuleSwitch("lamp-failure", false, "manager", Start), read);
        Assert.Equal(set, read);
    }

    [Fact]
    public async Task ALaterSwitchReplacesTheEarlierOne()
    {
        await Store.SetAsync("lamp-failure", false, "manager");
        Time.Advance(TimeSpan.FromMinutes(5));

        await Store.SetAsync("lamp-failure", true, "admin");

        Assert.Equal(new RuleSwitch("lamp-failure", true, "admin", Start.AddMinutes(5)), (await Store.ListAsync())["lamp-failure"]);
    }

    [Fact]
    public async Task RemovingASwitchLeavesTheOthers()
    {
        await Store.SetAsync("lamp-failure", false, "manager");
        await Store.SetAsync("parking-full", true, "manager");

        Assert.True(await Store.RemoveAsync("lamp-failure"));
        Assert.False(await Store.RemoveAsync("lamp-failure"));

        Assert.Equal(["parking-full"], (await Store.ListAsync()).Keys);
    }

    [Fact]
    public async Task InitialisingTwiceKeepsTheSwitches()
    {
        await Store.SetAsync("lamp-failure", false, "manager");

        await Store.InitializeAsync();

        Assert.Single(await Store.ListAsync());
    }
}
