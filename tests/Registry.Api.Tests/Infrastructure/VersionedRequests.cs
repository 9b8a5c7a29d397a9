using System.Net.Http.Headers;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>Changes of a versioned item (a demand, a contract, a certificate, ...) send the version their sender read as If-Match.</summary>
public static class VersionedRequests
{
    /// <summary>The item a command addresses: <c>/api/v1/demands/{id}/publish</c> changes <c>/api/v1/demands/{id}</c>.</summary>
    public static string ItemOf(string commandPath) => string.Join('/', commandPath.Split('?')[0].Split('/').Take(5));

    /// <summary>The item's current ETag, as <paramref name="reader"/> reads it.</summary>
    public static async Task<EntityTagHeaderValue> ETagAsync(this HttpClient reader, string commandPath)
    {
        var read = await reader.GetAsync(ItemOf(commandPath));
        Assert.True(read.IsSuccessStatusCode, $"GET {ItemOf(commandPath)}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        return read.Headers.ETag ?? throw new InvalidOperationException($"GET {ItemOf(commandPath)} answered without an ETag.");
    }

    /// <summary>POSTs a command with the ETag <paramref name="reader"/> (by default the sender) read just before.</summary>
    public static async Task<HttpResponseMessage> PostIfMatchAsync(this HttpClient client, string path, object body, HttpClient? reader = null) =>
        await client.PostIfMatchAsync(path, body, await (reader ?? client).ETagAsync(path));

    /// <summary>POSTs a command with the given If-Match.</summary>
    public static Task<HttpResponseMessage> PostIfMatchAsync(this HttpClient client, string path, object body, EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonBody.Of(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }
}
