using Microsoft.AspNetCore.Http.HttpResults;

namespace Registry.Api.Endpoints;

/// <summary>Typed 200 and 201 answers that carry a row version as ETag, for answers a client may update with If-Match.</summary>
internal static class ETagResults
{
    public static Ok<T> Ok<T>(HttpContext http, T value, long version)
    {
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Ok(value);
    }

    public static Created<T> Created<T>(HttpContext http, string location, T value, long version)
    {
        http.Response.Headers.ETag = $"\"{version}\"";
        return TypedResults.Created(location, value);
    }
}
