using ParkCommunity.Browser.Tests.Support;

namespace ParkCommunity.Browser.Tests;

/// <summary>
/// The platform as its people use it, in headless chromium: one running platform (<see cref="RunningPlatform"/>) shared
/// by every test, one file per view (Accounts/, Manager/, Crew/, Planner/, OpenData/). Each test saves a screenshot of
/// its view as an artifact. Waits are on conditions the page shows, each bounded; none is a fixed pause.
/// </summary>
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class PlatformInTheBrowser(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    /// <summary>Long enough for the lamp to fail and the rule engine to notice on a busy two-core CI machine.</summary>
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(120);
}
