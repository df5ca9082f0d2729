using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using ParkCommunity.Gateway.Broker;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class BrokerMetricsTests
{
    [Fact]
    public async Task RefusedConnectionsAndAclDenialsAreCounted()
    {
        await using var broker = await TestBroker.StartAsync();
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        var factory = broker.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's broker: other tests run brokers with meters of the same name in parallel.
            if (instrument.Meter.Name == BrokerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.Start();

        await broker.TryConnectAsync(broker.OptionsFor("l1", "wrong"));
        var l1 = await broker.ConnectDeviceAsync("l1");
        await l1.PublishAsync(AccessControlTests.Message(TestBroker.TopicOf("light", "l2")));

        Assert.Equal(1, counts.GetValueOrDefault("pc.broker.auth_failures"));
        Assert.Equal(1, counts.GetValueOrDefault("pc.broker.connections"));
        Assert.Equal(1, counts.GetValueOrDefault("pc.broker.acl_denials"));
    }
}
