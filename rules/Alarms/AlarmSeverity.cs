namespace ParkCommunity.Rules.Alarms;

/// <summary>How serious an alarm is, from the rule that raised it; written in lower case in rule files and on the wire.</summary>
public enum AlarmSeverity
{
    Info,
    Minor,
    Major,
    Critical,
}
