using Microsoft.Extensions.Configuration;
using ParkCommunity.Gateway.Broker;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class InProcessBrokerOptionsTests
{
    [Fact]
    public void TheDefaultsAreValidAndServeOnlyThisMachine()
    {
        var options = new InProcessBrokerOptions();

        var result = new InProcessBrokerOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("127.0.0.1", options.BindAddress);
        Assert.True(options.MaxPacketSize > 64 * 1024, "the contract's 64 KiB payload must fit with its topic");
    }

    [Fact]
    public void EveryProblemIsReportedNamingItsSetting()
    {
        var options = new InProcessBrokerOptions
        {
            Port = 70_000,
            BindAddress = "everywhere",
            MaxPacketSize = 10,
            MaxPendingMessagesPerClient = 0,
            CommunicationTimeout = TimeSpan.Zero,
        };
        options.ServiceAccounts.Add(new() { Username = "rules", CredentialHash = "plain-secret" });
        options.ServiceAccounts.Add(new() { Username = "rules", CredentialHash = MosquittoHash.Of("x") });

        var failures = new InProcessBrokerOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:BindAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:MaxPacketSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:MaxPendingMessagesPerClient", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:CommunicationTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:ServiceAccounts:0:CredentialHash", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Gateway:Broker:ServiceAccounts:1:Username", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
    }

    [Fact]
    public void ServiceAccountsBindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Broker:Port"] = "11883",
            ["Gateway:Broker:ServiceAccounts:0:Username"] = "rules",
            ["Gateway:Broker:ServiceAccounts:0:CredentialHash"] = "$7$101$c2FsdA==$aGFzaA==",
        }).Build();
        var options = new InProcessBrokerOptions();

        configuration.GetSection(InProcessBrokerOptions.Section).Bind(options);

        Assert.Equal(11883, options.Port);
        var account = Assert.Single(options.ServiceAccounts);
        Assert.Equal(("rules", "$7$101$c2FsdA==$aGFzaA=="), (account.Username, account.CredentialHash));
    }
}
