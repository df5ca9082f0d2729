using ParkCommunity.Gateway.Cli;

return await GatewayCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
