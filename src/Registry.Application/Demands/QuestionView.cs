namespace Registry.Application.Demands;

/// <summary>A bidder's question as its reader may see it: the asker is named to the regulators only.</summary>
public sealed record QuestionView
{
    public required Guid Id { get; init; }
    public required Guid DemandId { get; init; }
    public required string Question { get; init; }

    /// <summary>open or answered.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset AskedAt { get; init; }

    /// <summary>The clarification that published the answer to everyone, once answered.</summary>
    public Guid? ClarificationId { get; init; }

    public string? Answer { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The asking enterprise: shown to the regulators of the demand's region only, never to the agency.</summary>
    public Guid? EnterpriseId { get; init; }

    public string? EnterpriseName { get; init; }
}
