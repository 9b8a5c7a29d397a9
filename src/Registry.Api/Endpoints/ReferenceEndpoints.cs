using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Reference;

namespace Registry.Api.Endpoints;

public static class ReferenceEndpoints
{
    /// <summary>The query string of the region list.</summary>
    public sealed record ListRegionsQuery([FromQuery(Name = "parent")] string? Parent, [FromQuery(Name = "level")] string? Level)
    {
        public ListRegions ToQuery() => new(Parent, Level);
    }

    public static RouteGroupBuilder MapReference(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference data").AllowAnonymous();

        reference.MapGet("/regions", ListRegions)
            .WithName("ListRegions")
            .WithSummary("GB/T 2260 regions: the children of a parent, or all regions of a level")
            .WithDescription("`parent=510000` lists the cities of Sichuan; `level=province` lists the 31 province-level divisions.")
            .Produces<IReadOnlyList<RegionView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reference.MapGet("/regions/{code}", GetRegion)
            .WithName("GetRegion")
            .WithSummary("One region with its parent")
            .Produces<RegionDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapList(reference, ReferenceLists.Domains, "Industry domains (行业领域)");
        MapList(reference, ReferenceLists.Modalities, "Data modalities (数据模态)");
        MapList(reference, ReferenceLists.TaskTypes, "Labeling task types (标注任务类型)");
        MapList(reference, ReferenceLists.SecurityLevels, "Data security levels of GB/T 43697-2024 (数据安全级别)");
        MapList(reference, ReferenceLists.SkillLevels, "Skill levels of the AI trainer occupation 4-04-05-05 (人工智能训练师职业技能等级)");
        MapList(reference, ReferenceLists.Openness, "Openness of a catalog entry (开放属性)");
        return api;
    }

    private static void MapList(RouteGroupBuilder group, string list, string summary) =>
        group.MapGet("/" + list, ListReferenceItems(list))
            .WithName("List" + string.Concat(list.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])))
            .WithSummary(summary)
            .Produces<IReadOnlyList<ReferenceItemView>>();

    static async Task<Ok<IReadOnlyList<RegionView>>> ListRegions([AsParameters] ListRegionsQuery query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query.ToQuery(), ct));

    static async Task<Ok<RegionDetail>> GetRegion(string code, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetRegion(code), ct));

    // Each list has its own route (and OpenAPI operation), so the list is bound here rather than sent by the caller.
    static Func<IMediator, CancellationToken, Task<Ok<IReadOnlyList<ReferenceItemView>>>> ListReferenceItems(string list) =>
        async (mediator, ct) => TypedResults.Ok(await mediator.Send(new ListReferenceItems(list), ct));
}
