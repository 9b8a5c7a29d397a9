using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

/// <summary>Row versions over HTTP: answers carry the version as ETag, and a change sends it back as If-Match.</summary>
internal static class Http
{
    /// <summary>The version in an If-Match header (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>); required for every change of a versioned item.</summary>
    public static long IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            throw ValidationFailed.For("If-Match", "Send the version you read (its ETag) as If-Match to change it.");
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(value.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ValidationFailed.For("If-Match", $"'{header}' is not a version this API issued.");
    }

    /// <summary>Sends the row version as the answer's ETag, to come back as If-Match on the next change.</summary>
    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";

    /// <summary>A typed 200 carrying the version as ETag.</summary>
    public static Ok<T> Ok<T>(HttpContext http, T value, long version)
    {
        SetETag(http, version);
        return TypedResults.Ok(value);
    }

    /// <summary>A typed 201 carrying the version as ETag.</summary>
    public static Created<T> Created<T>(HttpContext http, string location, T value, long version)
    {
        SetETag(http, version);
        return TypedResults.Created(location, value);
    }
}
