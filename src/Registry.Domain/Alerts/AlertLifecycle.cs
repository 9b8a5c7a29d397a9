using Registry.Domain.Events;

namespace Registry.Domain.Alerts;

/// <summary>States of a risk alert (风险预警) as regulators work it.</summary>
public static class AlertStatus
{
    /// <summary>Raised by a rule; nobody has taken it up yet.</summary>
    public const string Open = "open";
    /// <summary>A regulator of its region is looking into it.</summary>
    public const string Acknowledged = "acknowledged";
    /// <summary>Looked into and acted upon; the note says what was done. Final.</summary>
    public const string Resolved = "resolved";
    /// <summary>Looked into and found to need no action (a false positive); the reason is kept. Final.</summary>
    public const string Dismissed = "dismissed";

    public static IReadOnlyList<string> All { get; } = [Open, Acknowledged, Resolved, Dismissed];
}

/// <summary>An alert as its lifecycle sees it.</summary>
public sealed record AlertState(Guid AlertId, string Type, string RegionCode, string Status);

/// <summary>
/// The alert state machine: open → acknowledged → resolved (with a note) or dismissed (with a reason). An open alert may also
/// be resolved or dismissed at once: a regulator who settles it on first sight need not acknowledge it first, and the note or
/// reason still records the judgment. Resolved and dismissed are final; a rule that fires again for the same subject does not
/// reopen them (an alert is raised once per subject and rule). Each transition returns the event that reports it.
/// </summary>
public static class AlertLifecycle
{
    public const int NoteLength = 2000;

    public static Changed<AlertAcknowledged> Acknowledge(AlertState alert, string? note)
    {
        Require(alert, "acknowledged", AlertStatus.Open);
        return new(AlertStatus.Acknowledged, new AlertAcknowledged(alert.AlertId, alert.Type, alert.RegionCode, Trimmed(note)));
    }

    public static Changed<AlertResolved> Resolve(AlertState alert, string note)
    {
        Require(alert, "resolved", AlertStatus.Open, AlertStatus.Acknowledged);
        return new(AlertStatus.Resolved, new AlertResolved(alert.AlertId, alert.Type, alert.RegionCode, Required(note, nameof(note))));
    }

    public static Changed<AlertDismissed> Dismiss(AlertState alert, string reason)
    {
        Require(alert, "dismissed", AlertStatus.Open, AlertStatus.Acknowledged);
        return new(AlertStatus.Dismissed, new AlertDismissed(alert.AlertId, alert.Type, alert.RegionCode, Required(reason, nameof(reason))));
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Closing an alert without saying why would leave the next regulator nothing to audit.
    private static string Required(string text, string name) =>
        Trimmed(text) ?? throw new BusinessRuleException($"{name}_required", $"A {name} is required to close an alert.") { Variant = "alert" };

    private static void Require(AlertState alert, string attempted, params string[] from)
    {
        if (!from.Contains(alert.Status)) throw new InvalidTransitionException("alert", alert.Status, attempted);
    }
}
