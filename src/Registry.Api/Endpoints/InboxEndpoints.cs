using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Common;
using Registry.Application.Inbox;

namespace Registry.Api.Endpoints;

public static class InboxEndpoints
{
    public sealed record ListInboxQuery([FromQuery(Name = "unread")] bool? Unread, [FromQuery(Name = "kind")] string? Kind,
        [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize)
    {
        public ListInbox ToRequest() => new(Unread, Kind, Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }

    public static RouteGroupBuilder MapInbox(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Inbox").RequireAuthorization();
        inbox.MapGet("/", ListInbox)
            .WithName("ListInbox").WithSummary("The calling organization's notices, newest first; unread=true keeps the unread ones, kind one kind (any organization)")
            .Produces<Page<NoticeView>>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
        inbox.MapPost("/{id:guid}/read", MarkNoticeRead)
            .WithName("MarkNoticeRead").WithSummary("Mark one of the calling organization's notices read")
            .Produces<NoticeView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    static async Task<Ok<Page<NoticeView>>> ListInbox([AsParameters] ListInboxQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(q.ToRequest(), ct));

    static async Task<Ok<NoticeView>> MarkNoticeRead(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new MarkNoticeRead(id), ct));
}
