using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace ParkCommunity.Gateway.Broker;

/// <summary>
/// Passes MQTTnet's own warnings and errors (e.g. a client that never sent CONNECT) to our logging. Its verbose and
/// info lines — several per packet — are dropped: the broker logs what matters itself, with structured fields.
/// </summary>
internal sealed partial class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel logLevel, string source, string message, object[] parameters, Exception exception)
    {
        if (logLevel < MqttNetLogLevel.Warning)
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        if (logLevel == MqttNetLogLevel.Error)
        {
            LogError(logger, exception, source, text);
        }
        else
        {
            LogWarning(logger, exception, source, text);
        }
    }

    [LoggerMessage(EventId = 2190, Level = LogLevel.Warning, Message = "MQTTnet {Source}: {Text}")]
    private static partial void LogWarning(ILogger logger, Exception? exception, string source, string text);

    [LoggerMessage(EventId = 2191, Level = LogLevel.Error, Message = "MQTTnet {Source}: {Text}")]
    private static partial void LogError(ILogger logger, Exception? exception, string source, string text);
}
