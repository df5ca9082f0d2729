using ParkCommunity.AllInOne;
using ParkCommunity.ServiceHosting;

await using var app = AllInOneHost.Build(args);
return await HostRunner.RunAsync(app, CancellationToken.None).ConfigureAwait(false);
