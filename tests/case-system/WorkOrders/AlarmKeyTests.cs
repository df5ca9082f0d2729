using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.WorkOrders;

public sealed class AlarmKeyTests
{
    [Fact]
    public void OnlyTheFirstSlashSeparatesRuleFromSubject()
    {
        var key = AlarmKey.Parse("light-dark/pc/tianfu-park/light/l-17");

        Assert.Equal(("light-dark", "pc/tianfu-park/light/l-17"), (key.RuleId, key.Subject));
        Assert.Equal("light-dark/pc/tianfu-park/light/l-17", key.ToString());
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("/subject-only")]
    [InlineData("rule-only/")]
    public void AKeyWithoutBothPartsIsRefused(string value)
    {
        var error = Assert.Throws<FormatException>(() => AlarmKey.Parse(value));
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverlongKeyIsRefused() =>
        Assert.Throws<ArgumentException>(() => new AlarmKey("rule", new string('x', AlarmKey.MaxLength)));
}
