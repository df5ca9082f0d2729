using Xunit.Abstractions;
using Xunit.Sdk;

namespace ParkCommunity.Browser.Tests.Support;

/// <summary>
/// The place of a test in the scenario the shared platform plays. Only one test truly needs its place: the live alarm
/// test must have the manager page open before the lamp fails, so it runs first; the rest follow in a fixed order so a
/// failure reads the same on every run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs the tests of a class by their <see cref="StepAttribute"/>, unnumbered ones last by name.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "ParkCommunity.Browser.Tests.Support.StepOrderer";
    public const string AssemblyName = "ParkCommunity.Browser.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => Number(c)).ThenBy(c => c.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Number(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName!)
            .Select(a => (int)a.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue)
            .First();
}
