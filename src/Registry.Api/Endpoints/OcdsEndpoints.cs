using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Ocds;

namespace Registry.Api.Endpoints;

public static class OcdsEndpoints
{
    public sealed record ReadOcdsReleasesQuery([FromQuery(Name = "after")] string? After, [FromQuery(Name = "limit")] int? Limit);

    public static RouteGroupBuilder MapOcds(this RouteGroupBuilder api)
    {
        var ocds = api.MapGroup("/ocds").WithTags("One network").AllowAnonymous();
        ocds.MapGet("/releases", ReadOcdsReleases)
            .WithName("ReadOcdsReleases")
            .WithSummary("OCDS 1.1 release package: the releases of demands, awards and contracts after the cursor, in commit order (anyone)")
            .Produces<OcdsReleasePackage>().ProducesValidationProblem();
        ocds.MapGet("/records/{ocid}", GetOcdsRecord)
            .WithName("GetOcdsRecord")
            .WithSummary("OCDS 1.1 record package of one contracting process: its releases and the compiled release (anyone)")
            .Produces<OcdsRecordPackage>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>The platform's public address (Identity:Issuer), for the packages' own links: never the request's Host header, which a caller sets.</summary>
    private static string Origin(Hosting.IdentityOptions identity) => identity.Issuer!.TrimEnd('/');

    static async Task<Ok<OcdsReleasePackage>> ReadOcdsReleases([AsParameters] ReadOcdsReleasesQuery q, Hosting.IdentityOptions identity, IMediator mediator,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Ocds.ReadOcdsReleases(q.After, q.Limit ?? Application.Ocds.ReadOcdsReleases.DefaultLimit)
            { Origin = Origin(identity) }, ct));

    static async Task<Ok<OcdsRecordPackage>> GetOcdsRecord(string ocid, Hosting.IdentityOptions identity, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Ocds.GetOcdsRecord(ocid) { Origin = Origin(identity) }, ct));
}
