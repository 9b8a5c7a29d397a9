namespace Registry.Application.Inbox;

/// <summary>
/// A notice in an organization's inbox: what happened (kind), to what (subject and link), in both languages, when, and
/// whether the organization has read it. The same shape a webhook delivery would carry.
/// </summary>
public sealed record NoticeView
{
    public required Guid Id { get; init; }

    /// <summary>invitation, question_answered, demand_closed, result, alert_raised, certificate_expiring, bid_needs_confirmation, challenge_filed, challenge_answered, complaint_decided, contract_signed or award_annulled; more may come.</summary>
    public required string Kind { get; init; }

    public required string SubjectType { get; init; }
    public required string SubjectId { get; init; }
    public required string TitleZh { get; init; }
    public required string TitleEn { get; init; }

    /// <summary>The API address of the subject.</summary>
    public required string Link { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}
