using System.Text.Json;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Alerts;

public static class AlertArrange
{
    /// <summary>A published demand of Chengdu's health commission, bid on at the given prices and closed (the deadline moved into the past).</summary>
    public static async Task<Guid> ClosedAsync(RegistryApi api, string title, IReadOnlyList<(HttpClient Bidder, decimal Price)> bids, string volumeUnit = "images")
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, title, volumeUnit: volumeUnit);
        foreach (var (bidder, price) in bids)
        {
            var bid = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: price)));
            Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());
        }
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id",
            new { id = demand, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var closing = await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        Assert.True(closing.IsSuccessStatusCode, await closing.Content.ReadAsStringAsync());
        return demand;
    }

    /// <summary>A demand bid on at the given prices, closed, evaluated by lowest price and awarded to the lowest bid.</summary>
    public static async Task<Guid> AwardedAsync(RegistryApi api, string title, IReadOnlyList<(HttpClient Bidder, decimal Price)> bids, string volumeUnit = "images")
    {
        var demand = await ClosedAsync(api, title, bids, volumeUnit);
        var agency = await api.ClientAsAsync("cd.health");
        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{demand}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        var bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid();
        await (await agency.PostIfMatchAsync($"/api/v1/demands/{demand}/award", new { bidId })).SucceededJsonAsync();
        return demand;
    }

    /// <summary>The alerts the client lists (first 100), optionally narrowed by a query string.</summary>
    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync("/api/v1/alerts?pageSize=100" + query)).SucceededJsonAsync();
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The alerts of one rule about one subject, as Sichuan's regulator lists them.</summary>
    public static async Task<List<JsonElement>> OfAsync(RegistryApi api, string type, object subjectId) =>
        [.. (await ListAsync(await api.ClientAsAsync("sichuan"), "&type=" + type)).Where(a => a.GetProperty("entityId").GetString() == subjectId.ToString())];

    /// <summary>A new open alert in Chengdu (a single bidder at closing), by id.</summary>
    public static async Task<Guid> OpenAsync(RegistryApi api)
    {
        var (demand, _) = await DemandArrange.EvaluatingAsync(api, "单一投标预警处置");
        return Assert.Single(await OfAsync(api, "single_bidder", demand)).GetProperty("id").GetGuid();
    }
}
