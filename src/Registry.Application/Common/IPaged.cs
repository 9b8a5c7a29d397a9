namespace Registry.Application.Common;

/// <summary>Paging input shared by list queries: 1-based page number, page size 1..100 (default 20).</summary>
public interface IPaged
{
    int Page { get; }

    int PageSize { get; }
}
