using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.DeviceContract.Events;
using ParkCommunity.DeviceContract.Status;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.DeviceContract.Topics;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Privacy;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// The gateway's hot path: topic → device → parse and validate → enrich → group commit.
/// Whatever breaks the contract is dead-lettered with its reason while the valid items of the
/// same message are still stored; the returned task completes when all of it is durable.
/// </summary>
internal sealed partial class DeviceMessageIngestion(
    DeviceDirectory directory,
    TelemetryCommitter committer,
    IDeadLetterStore deadLetters,
    Pseudonymizer pseudonymizer,
    IOptions<GatewayOptions> gatewayOptions,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<DeviceMessageIngestion> logger) : IDeviceMessageSink, IDisposable
{
    private readonly string _prefix = gatewayOptions.Value.TopicPrefix;

    // Parsers keep intern tables and buffers, and are not thread-safe: one per receiving thread.
    // Parsing finishes before the first await, so a thread's parser is never used by two messages at once.
    private readonly ThreadLocal<Workspace> _workspaces = new(() => new Workspace());

    /// <remarks>
    /// Not an async method on purpose: a valid telemetry message — nearly every message — returns its batch's shared
    /// commit task, so the hot path allocates nothing per message. Only rejections, events, status and waiting for room
    /// go through async helpers.
    /// </remarks>
    public ValueTask AcceptAsync(string topic, ReadOnlySequence<byte> payload, string? authenticatedDevice, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        if (!DeviceTopic.TryParse(topic, _prefix, out var parsedTopic, out var topicError))
        {
            return RejectAsync(topic, authenticatedDevice, DeadLetterReasons.BadTopic, topicError.ToString(), payload.ToArray(), receivedAt, cancellationToken);
        }

        if (!directory.TryResolve(parsedTopic, out var device, out var reason, out var detail))
        {
            // Events may carry card or person ids that only a resolved device's path pseudonymises: keep no bytes of them.
            var kept = parsedTopic.Channel == TopicChannel.Event ? [] : payload.ToArray();
            return RejectAsync(topic, parsedTopic.Device.ToString(), reason, detail, kept, receivedAt, cancellationToken, (int)payload.Length);
        }

        var receivedAtMs = receivedAt.ToUnixTimeMilliseconds();
        device.State.Seen(receivedAtMs);
        metrics.MessageReceived(ChannelName(parsedTopic.Channel));
        return parsedTopic.Channel switch
        {
            TopicChannel.Telemetry => IngestTelemetry(topic, device, payload, receivedAt, cancellationToken),
            TopicChannel.Event => IngestEventAsync(topic, device, payload.ToArray(), receivedAt, cancellationToken),
            _ => IngestStatusAsync(topic, device, payload, receivedAt, cancellationToken),
        };
    }

    public void Dispose() => _workspaces.Dispose();

    private ValueTask IngestTelemetry(string topic, DevicePlacement device, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var room = committer.WaitForRoomAsync(cancellationToken);
        if (!room.IsCompletedSuccessfully)
        {
            // Backpressure: the store is behind. Keep our own copy, since the caller may reuse its buffer.
            return IngestTelemetryWhenRoomAsync(topic, device, new ReadOnlySequence<byte>(payload.ToArray()), receivedAt, room, cancellationToken);
        }

        var (commit, rejections) = ParseAndAdd(device, payload, receivedAt.ToUnixTimeMilliseconds());
        if (rejections is not null)
        {
            // Copied now: the caller may reuse the payload buffer once this returns.
            return DeadLetterThenCommitAsync(topic, device, payload.ToArray(), rejections, commit, receivedAt, cancellationToken);
        }

        // Without a token the caller waits for the shared commit itself; with one, a cancelled caller stops waiting.
        return new ValueTask(cancellationToken.CanBeCanceled ? commit.WaitAsync(cancellationToken) : commit);
    }

    private async ValueTask IngestTelemetryWhenRoomAsync(
        string topic, DevicePlacement device, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, ValueTask room, CancellationToken cancellationToken)
    {
        await room.ConfigureAwait(false);
        await IngestTelemetry(topic, device, payload, receivedAt, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DeadLetterThenCommitAsync(
        string topic, DevicePlacement device, byte[] payload, TelemetryRejection[] rejections, Task commit, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        foreach (var rejection in rejections)
        {
            await RejectAsync(topic, device.DeviceId, rejection.Reason.ToString(), rejection.Detail, payload, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The synchronous part: parse into this thread's workspace and hand the readings to the committer.</summary>
    private (Task Commit, TelemetryRejection[]? Rejections) ParseAndAdd(DevicePlacement device, ReadOnlySequence<byte> payload, long receivedAtMs)
    {
        var workspace = _workspaces.Value!;
        var parsed = workspace.Parsed;
        parsed.Clear();
        workspace.Parser.Parse(workspace.Contiguous(payload), receivedAtMs, parsed);
        var commit = parsed.Readings.IsEmpty ? Task.CompletedTask : committer.Add(device.Telemetry, parsed.Readings, parsed.Fields);
        foreach (ref readonly var reading in parsed.Readings)
        {
            if (reading.Seq is { } seq)
            {
                metrics.SequenceObserved(device.State.Sequence.Observe(seq));
            }
        }

        var rejections = parsed.Rejections.Count == 0 ? null : parsed.Rejections.ToArray();
        return (commit, rejections);
    }

    private async ValueTask IngestEventAsync(string topic, DevicePlacement device, byte[] bytes, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!DeviceEventParser.TryParse(bytes, receivedAt.ToUnixTimeMilliseconds(), out var deviceEvent, out var rejection))
        {
            // A broken event cannot be parsed to pseudonymise it, and events may carry card or person ids:
            // keep the reason and the length, never the raw bytes.
            await RejectAsync(topic, device.DeviceId, rejection.Reason.ToString(), rejection.Detail + " (payload withheld: events may carry personal data)",
                [], receivedAt, cancellationToken, bytes.Length).ConfigureAwait(false);
            return;
        }

        TelemetryField[] fields = deviceEvent.Data.IsEmpty
            ? [TelemetryField.OfText("type", deviceEvent.Type)]
            : [TelemetryField.OfText("type", deviceEvent.Type), TelemetryField.OfText("data", pseudonymizer.ProtectEventData(device.Telemetry.Site, deviceEvent.Data.Span))];
        await StoreEventAsync(device, deviceEvent.TimestampMs, fields, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask StoreEventAsync(DevicePlacement device, long timestampMs, TelemetryField[] fields, CancellationToken cancellationToken)
    {
        await committer.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        await committer.Add(device.Events, [new ParsedReading(0, timestampMs, null, 0, fields.Length)], fields)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask IngestStatusAsync(string topic, DevicePlacement device, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (DeviceStatusPayload.TryParse(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray(), out var online))
        {
            var status = online ? "online" : "offline";
            device.State.Reported(online, receivedAt.ToUnixTimeMilliseconds());
            LogStatus(logger, device.DeviceId, status);

            // Also kept as an event, so the rule engine and the dashboard read status changes from the store like any other event.
            await StoreEventAsync(device, receivedAt.ToUnixTimeMilliseconds(), [TelemetryField.OfText("type", "status"), TelemetryField.OfText("status", status)], cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await RejectAsync(topic, device.DeviceId, DeadLetterReasons.InvalidStatus, "status payload must be \"online\" or \"offline\"", payload.ToArray(), receivedAt, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RejectAsync(
        string topic, string? device, string reason, string detail, byte[] payload, DateTimeOffset receivedAt, CancellationToken cancellationToken, int? payloadLength = null)
    {
        metrics.DeadLettered(reason);
        LogRejected(logger, device ?? "(unknown)", topic, reason, detail);
        var letter = new DeadLetter(receivedAt, topic, device, reason, detail, payload, payloadLength ?? payload.Length);
        await deadLetters.AddAsync(letter, cancellationToken).ConfigureAwait(false);
    }

    private static string ChannelName(TopicChannel channel) => channel switch
    {
        TopicChannel.Telemetry => "telemetry",
        TopicChannel.Event => "event",
        _ => "status",
    };

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Dead-lettered a message of device {Device} on {Topic}: {Reason}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string device, string topic, string reason, string detail);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Device {Device} reports {Status}")]
    private static partial void LogStatus(ILogger logger, string device, string status);

    /// <summary>One receiving thread's parser, parse result and scratch buffer for multi-segment payloads.</summary>
    private sealed class Workspace
    {
        private byte[] _scratch = new byte[4096];

        public TelemetryParser Parser { get; } = new(TelemetryLimits.Default);

        public ParsedTelemetry Parsed { get; } = new();

        public ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> payload)
        {
            if (payload.IsSingleSegment)
            {
                return payload.FirstSpan;
            }

            if (_scratch.Length < payload.Length)
            {
                _scratch = new byte[Math.Max((int)payload.Length, _scratch.Length * 2)];
            }

            payload.CopyTo(_scratch);
            return _scratch.AsSpan(0, (int)payload.Length);
        }
    }
}
