namespace Registry.Application.Demands;

public sealed record BidReceipt(Guid BidId, Guid DemandId, Guid EnterpriseId, decimal Price, decimal UnitPrice, DateOnly DeliveryDate,
    decimal Accuracy, int TeamSize, string Status, DateTimeOffset SubmittedAt);

/// <summary>A bid as those entitled see it.</summary>
public sealed record BidView(Guid Id, Guid DemandId, Guid EnterpriseId, string EnterpriseNameZh, decimal Price, decimal UnitPrice, DateOnly DeliveryDate,
    decimal Accuracy, int TeamSize, string TechnicalSummary, string Status, bool? Eligible, string? IneligibilityReason, DateTimeOffset SubmittedAt);
