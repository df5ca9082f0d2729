using ParkCommunity.Simulators.Cli;

return await SimulatorCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
