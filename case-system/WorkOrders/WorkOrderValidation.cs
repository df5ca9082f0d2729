using System.Text.RegularExpressions;

namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>Checks input before it reaches the database, reporting every problem at once.</summary>
internal static partial class WorkOrderValidation
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxActorLength = 128;

    // Same shape as site and device ids in the device contract, so locations line up with telemetry tags.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    public static void Validate(NewWorkOrder order, WorkOrderSource source)
    {
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(order.Title))
        {
            problems.Add("Title is empty");
        }
        else if (order.Title.Length > MaxTitleLength)
        {
            problems.Add($"Title is longer than {MaxTitleLength} characters");
        }

        if (!Enum.IsDefined(order.Category))
        {
            problems.Add($"Category {(int)order.Category} is unknown");
        }

        if (!Enum.IsDefined(order.Priority))
        {
            problems.Add($"Priority {(int)order.Priority} is unknown");
        }

        CheckActor(order.CreatedBy, "CreatedBy", problems);
        if (order.Location is null)
        {
            problems.Add("Location is missing");
        }
        else
        {
            CheckId(order.Location.Site, "Location.Site", required: true, problems);
            CheckId(order.Location.Grid, "Location.Grid", required: true, problems);
            CheckId(order.Location.Zone, "Location.Zone", required: false, problems);
            CheckId(order.Location.Device, "Location.Device", required: false, problems);
        }

        if (source is ResidentReport report)
        {
            if (string.IsNullOrWhiteSpace(report.Channel) || report.Channel.Length > 64)
            {
                problems.Add("ResidentReport.Channel must be 1-64 characters");
            }

            if (report.CallbackContact is { Length: > 128 })
            {
                problems.Add("ResidentReport.CallbackContact is longer than 128 characters");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidWorkOrderException(problems);
        }
    }

    public static void ValidateEntry(string actor, string? text, bool textRequired)
    {
        var problems = new List<string>();
        CheckActor(actor, "Actor", problems);
        if (textRequired && string.IsNullOrWhiteSpace(text))
        {
            problems.Add("Text is empty");
        }
        else if (text is { Length: > MaxTextLength })
        {
            problems.Add($"Text is longer than {MaxTextLength} characters");
        }

        if (problems.Count > 0)
        {
            throw new InvalidWorkOrderException(problems);
        }
    }

    private static void CheckActor(string? actor, string property, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            problems.Add($"{property} is empty");
        }
        else if (actor.Length > MaxActorLength)
        {
            problems.Add($"{property} is longer than {MaxActorLength} characters");
        }
    }

    private static void CheckId(string? value, string property, bool required, List<string> problems)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{property} is missing");
            }
        }
        else if (!IdPattern().IsMatch(value))
        {
            problems.Add($"{property} '{value}' is not 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
    }
}
