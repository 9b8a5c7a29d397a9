using Registry.Application.Common;

namespace Registry.Api.Endpoints;

/// <summary>Small HTTP helpers shared by the endpoint groups: ETag / If-Match for row versions.</summary>
internal static class Http
{
    /// <summary>The version in an If-Match header (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>); required for updates.</summary>
    public static long IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            throw ValidationFailed.For("If-Match", "Send the version you read (its ETag) as If-Match to update.");
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(value.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ValidationFailed.For("If-Match", $"'{header}' is not a version this API issued.");
    }

    /// <summary>Sends the row version as the answer's ETag, to come back as If-Match on the next update.</summary>
    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";

    public static IResult WithETag<T>(HttpContext http, T value, long version, int status = 200, string? location = null)
    {
        SetETag(http, version);
        return status == 201 ? Results.Created(location, value) : Results.Ok(value);
    }
}
