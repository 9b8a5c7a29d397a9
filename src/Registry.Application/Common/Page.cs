namespace Registry.Application.Common;

/// <summary>One page of a list, with the total number of matching items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
