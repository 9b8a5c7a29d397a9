namespace Registry.Application.Demands;

public sealed record ClarificationView
{
    public required Guid Id { get; init; }
    public required Guid DemandId { get; init; }
    public required string Question { get; init; }
    public required string Answer { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
}
