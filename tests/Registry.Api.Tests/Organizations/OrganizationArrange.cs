using System.Net.Http.Headers;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Organizations;

/// <summary>Arranges organizations and their identity changes through the API, as the operator would.</summary>
public static class OrganizationArrange
{
    /// <summary>A new organization of the kind (created by the operator) with an API client of its own; returns its client and id.</summary>
    public static async Task<(HttpClient Client, Guid Id)> WithClientAsync(RegistryApi api, string kind, string region)
    {
        var admin = await api.ClientAsAsync("admin");
        var code = TestCreditCodes.Next((kind == "enterprise" ? "91" : "11") + region + "MB");
        var org = await (await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "测试" + kind + Guid.NewGuid().ToString("N")[..6], kind, regionCode = region, creditCode = code,
        }))).SucceededJsonAsync();
        var id = org.GetProperty("id").GetGuid();
        var secret = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId = id, displayName = "系统" }))).SucceededJsonAsync();
        var token = await (await RegistryApi.RequestTokenAsync(api, secret.GetProperty("clientId").GetString()!,
            secret.GetProperty("clientSecret").GetString()!)).SucceededJsonAsync();
        var client = RegistryApi.BearerClient(api, token.GetProperty("access_token").GetString()!);
        return (client, id);
    }

    /// <summary>The organization's current version, read by the operator, as an If-Match value.</summary>
    public static async Task<string> ETagAsync(RegistryApi api, Guid id) =>
        (await (await api.ClientAsAsync("admin")).GetAsync($"/api/v1/organizations/{id}")).Headers.ETag!.Tag;

    /// <summary>Sends an identity change as the client, with the organization's current version unless another is given.</summary>
    public static async Task<HttpResponseMessage> ChangeIdentityAsync(RegistryApi api, HttpClient client, Guid id, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organizations/{id}/identity-changes") { Content = JsonBody.Of(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch ?? await ETagAsync(api, id)));
        return await client.SendAsync(request);
    }
}
