using System.Net;
using Microsoft.Extensions.Logging;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Diagnostics;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.InfluxDb;

/// <summary>
/// Writes a batch as line protocol and works out which points InfluxDB refused.
/// </summary>
/// <remarks>
/// How refused points are found: first from what the server names — the line numbers 3.x (and 2.x for parse
/// errors) give, or the measurement + field + input type of a field type conflict, which pick out exactly the points
/// carrying that field with that type. Those points are taken out and the rest is written again. Re-writing is safe
/// because writes are idempotent on series + time, and it is needed twice over: 2.x answers a conflict with 422 and
/// stores nothing, and 1.x names only the first conflict of a batch while <c>dropped=N</c> counts them all (when the
/// named points account for every dropped one, 1.x has stored the rest and we stop). An error that names no point
/// (e.g. "points beyond retention policy", a 413) is isolated by bisecting: each half is written on its own until the
/// refused points stand alone — log2(n) extra writes per bad point, paid only on such errors.
/// </remarks>
internal sealed class InfluxDbWriter(InfluxDbConnection connection, InfluxDbOptions options, Func<CancellationToken, Task> createDatabase, ILogger logger)
{
    public async Task<List<RejectedPoint>> WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var rejected = new List<RejectedPoint>();
        using var buffer = new PooledBufferWriter();
        LineProtocolEncoder.AppendBatch(batch, buffer, rejected);

        var pending = new List<int>(batch.Count - rejected.Count);
        var refusedByEncoder = rejected.Select(r => r.Index).ToHashSet();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!refusedByEncoder.Contains(i))
            {
                pending.Add(i);
            }
        }

        if (pending.Count > 0)
        {
            await WriteSubsetAsync(batch, pending, buffer, alreadyEncoded: true, rejected, cancellationToken).ConfigureAwait(false);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        return rejected;
    }

    private async Task WriteSubsetAsync(
        TelemetryBatch batch, List<int> pending, PooledBufferWriter buffer, bool alreadyEncoded, List<RejectedPoint> rejected, CancellationToken cancellationToken)
    {
        var createdDatabase = false;
        while (pending.Count > 0)
        {
            if (!alreadyEncoded)
            {
                Encode(batch, pending, buffer);
            }

            alreadyEncoded = false;
            var (status, body) = await connection.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            if ((int)status is >= 200 and <= 299)
            {
                return;
            }

            var error = InfluxDbWriteError.Parse(body);
            TelemetryStoreLog.WriteRefused(logger, connection.Database, (int)status, pending.Count, error.Message);
            if (status == HttpStatusCode.NotFound || error.DatabaseNotFound)
            {
                if (!options.CreateDatabase || createdDatabase)
                {
                    throw new InvalidOperationException(
                        $"InfluxDB {connection.Location} does not exist ({error.Message}). Create it, or set TelemetryStore:InfluxDb:CreateDatabase=true.");
                }

                await createDatabase(cancellationToken).ConfigureAwait(false);
                createdDatabase = true;
                continue;
            }

            if (error.RetentionPolicyNotFound)
            {
                throw new InvalidOperationException(
                    $"InfluxDB {connection.Location} has no retention policy '{options.RetentionPolicy}' (TelemetryStore:InfluxDb:RetentionPolicy): {error.Message}");
            }

            var named = Named(batch, pending, error);
            if (named.Count > 0)
            {
                foreach (var (index, reason) in named)
                {
                    rejected.Add(new RejectedPoint(index, reason));
                    pending.Remove(index);
                }

                // 1.x (400 "partial write") has stored every point it did not drop; 2.x's 422 stored nothing.
                if (status != HttpStatusCode.UnprocessableEntity && error.KeptTheRest && error.Dropped == named.Count)
                {
                    return;
                }

                continue;
            }

            if (pending.Count == 1)
            {
                rejected.Add(new RejectedPoint(pending[0], error.Message));
                return;
            }

            TelemetryStoreLog.Bisecting(logger, pending.Count);
            var half = pending.Count / 2;
            await WriteSubsetAsync(batch, pending[..half], buffer, alreadyEncoded: false, rejected, cancellationToken).ConfigureAwait(false);
            await WriteSubsetAsync(batch, pending[half..], buffer, alreadyEncoded: false, rejected, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>The points among <paramref name="pending"/> (in the order they were written) that the error names.</summary>
    private static Dictionary<int, string> Named(TelemetryBatch batch, List<int> pending, InfluxDbWriteError error)
    {
        var named = new Dictionary<int, string>();
        foreach (var line in error.Lines)
        {
            if (line.LineNumber >= 1 && line.LineNumber <= pending.Count)
            {
                named.TryAdd(pending[line.LineNumber - 1], line.Message);
            }
        }

        foreach (var conflict in error.Conflicts)
        {
            foreach (var index in pending)
            {
                if (Carries(batch, index, conflict))
                {
                    named.TryAdd(index, conflict.Message);
                }
            }
        }

        return named;
    }

    private static bool Carries(TelemetryBatch batch, int index, FieldTypeConflict conflict)
    {
        ref readonly var point = ref batch.Points[index];
        if (!string.Equals(point.Series.Kind, conflict.Measurement, StringComparison.Ordinal))
        {
            return false;
        }

        if (point.Seq is not null && conflict.Field == LineProtocolEncoder.SeqField)
        {
            return conflict.InputType == "integer";
        }

        foreach (ref readonly var field in batch.FieldsOf(point))
        {
            if (field.Name == conflict.Field)
            {
                return TypeName(field.Type) == conflict.InputType;
            }
        }

        return false;
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Number => "float",
        FieldType.Boolean => "boolean",
        _ => "string",
    };

    private static void Encode(TelemetryBatch batch, List<int> indices, PooledBufferWriter buffer)
    {
        buffer.Reset();
        var points = batch.Points;
        foreach (var index in indices)
        {
            // These points were encoded once already, so they encode again.
            LineProtocolEncoder.TryAppend(buffer, points[index], batch.FieldsOf(points[index]), out _);
        }
    }
}
