using ParkCommunity.AllInOne;
using ParkCommunity.ServiceHosting;

return await HostRunner.RunAsync(() => AllInOneHost.Build(args), CancellationToken.None).ConfigureAwait(false);
