using System.Text.Json;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// The JSON body of a notification (documented in docs/case-system.md), written by hand so field names are fixed
/// wire names. Privacy: a resident's call-back contact is never sent, only the report channel.
/// </summary>
public static class WorkOrderChangeJson
{
    public static byte[] Serialize(WorkOrderChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var order = change.Order;
            json.WriteStartObject();
            json.WriteString("event", WireNames.Of(change.Kind));
            json.WriteString("at", change.At);
            json.WriteString("actor", change.Actor);
            json.WriteString("text", change.Text);
            json.WriteStartObject("work_order");
            json.WriteString("id", order.Id);
            json.WriteString("title", order.Title);
            json.WriteString("category", WireNames.Of(order.Category));
            json.WriteString("priority", WireNames.Of(order.Priority));
            json.WriteString("status", WireNames.Of(order.Status));
            json.WriteString("sla_due_at", order.SlaDueAt);
            json.WriteString("created_at", order.CreatedAt);
            json.WriteString("updated_at", order.UpdatedAt);
            json.WriteNumber("version", order.Version);
            json.WriteStartObject("location");
            json.WriteString("site", order.Location.Site);
            json.WriteString("grid", order.Location.Grid);
            json.WriteString("zone", order.Location.Zone);
            json.WriteString("device", order.Location.Device);
            json.WriteEndObject();
            json.WriteStartObject("source");
            switch (order.Source)
            {
                case AlarmSource alarm:
                    json.WriteString("kind", "alarm");
                    json.WriteString("alarm_key", alarm.AlarmKey.ToString());
                    break;
                case ResidentReport report:
                    json.WriteString("kind", "resident_report");
                    json.WriteString("channel", report.Channel);
                    break;
            }

            json.WriteEndObject();
            if (order.Assignee is { } assignee)
            {
                json.WriteStartObject("assignee");
                json.WriteString("crew", assignee.CrewId);
                json.WriteString("person", assignee.Person);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("assignee");
            }

            json.WriteEndObject();
            if (change.Manager is { } manager)
            {
                json.WriteStartObject("manager");
                json.WriteString("grid", manager.Grid);
                json.WriteString("name", manager.Name);
                json.WriteString("contact", manager.Contact);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
