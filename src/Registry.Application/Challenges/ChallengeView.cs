namespace Registry.Application.Challenges;

/// <summary>A challenge (质疑) with the agency's answer and the complaint (投诉) it led to, as its parties and the regulators see it.</summary>
public sealed record ChallengeView
{
    public required Guid Id { get; init; }
    public required Guid DemandId { get; init; }
    public required string DemandNumber { get; init; }

    /// <summary>terms or result.</summary>
    public required string Kind { get; init; }

    /// <summary>filed, answered or complained.</summary>
    public required string Status { get; init; }

    /// <summary>The challenging enterprise: a challenge is filed in its name (《政府采购质疑和投诉办法》), to the agency as well.</summary>
    public required Guid EnterpriseId { get; init; }

    public required string EnterpriseName { get; init; }
    public required string Grounds { get; init; }
    public string? Evidence { get; init; }
    public required DateTimeOffset FiledAt { get; init; }

    /// <summary>The agency answers before this instant (<c>Bidding:ChallengeAnswerPeriod</c> after filing).</summary>
    public required DateTimeOffset AnswerDue { get; init; }

    /// <summary><see cref="AnswerDue"/> in China time, e.g. "2026-12-05 10:00 (UTC+08:00)".</summary>
    public required string AnswerDueChina { get; init; }

    public string? Answer { get; init; }

    /// <summary>Whether the agency found the challenge justified; null until answered.</summary>
    public bool? Upheld { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The challenger may complain until this instant (in China time), once the answer came or its deadline passed; null before.</summary>
    public string? ComplaintsCloseChina { get; init; }

    public ComplaintView? Complaint { get; init; }
}

/// <summary>A complaint (投诉) to the regulators of the demand's region, its suspension of the procurement and its decision.</summary>
public sealed record ComplaintView
{
    public required Guid Id { get; init; }

    /// <summary>open, suspended (the demand is suspended meanwhile), upheld or dismissed.</summary>
    public required string Status { get; init; }

    public required string Grounds { get; init; }
    public required DateTimeOffset FiledAt { get; init; }
    public DateTimeOffset? SuspendedAt { get; init; }
    public string? SuspensionReason { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public bool? Upheld { get; init; }
    public string? Reasoning { get; init; }

    /// <summary>The step the agency must redo after an upheld complaint: terms (amend them) or result (evaluate and award again).</summary>
    public string? RedoRequired { get; init; }
}
