using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>The demand board's list filters: a repeated parameter matches any of its values, separate filters all match.</summary>
public abstract class DemandSearchTests(RegistryApi api)
{
    private async Task<Guid> PublishedInAsync(string domain, string modality)
    {
        var client = await api.ClientAsAsync("cd.health");
        var body = JsonSerializer.SerializeToNode(DemandArrange.Demand($"看板{domain}{modality}"), RegistryApi.Json)!;
        body["domain"] = domain;
        body["modality"] = modality;
        var created = await client.PostAsync("/api/v1/demands", JsonBody.Of(body));
        var json = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetGuid();
        var published = await client.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<List<Guid>> FoundAsync(string query)
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/demands?{query}&pageSize=100");
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task Two_domains_or_modalities_find_the_demands_of_either_and_the_other_filters_still_apply()
    {
        var health = await PublishedInAsync("healthcare", "image");
        var transport = await PublishedInAsync("transport", "text");
        var finance = await PublishedInAsync("finance", "audio");

        var either = await FoundAsync("domain=healthcare&domain=transport");
        Assert.Contains(health, either);
        Assert.Contains(transport, either);
        Assert.DoesNotContain(finance, either);

        var byModality = await FoundAsync("modality=text&modality=audio");
        Assert.Equal([transport, finance], byModality.Where(id => id == health || id == transport || id == finance).Order());
        Assert.Equal([transport], await FoundAsync("domain=healthcare&domain=transport&modality=text&modality=audio"));
    }

    [Fact]
    public async Task Two_statuses_find_the_demands_in_either_and_the_board_shows_open_ones_by_default()
    {
        var (open, _) = await DemandArrange.PublishedAsync(api, "看板开放中");
        var (evaluating, _) = await DemandArrange.EvaluatingAsync(api, "看板评审中");

        Assert.Contains(open, await FoundAsync("status=open"));
        Assert.DoesNotContain(evaluating, await FoundAsync("status=open"));
        Assert.DoesNotContain(evaluating, await FoundAsync("region=510100"));
        var both = await FoundAsync("status=open&status=evaluating");
        Assert.Contains(open, both);
        Assert.Contains(evaluating, both);
    }

    [Fact]
    public async Task An_unknown_or_draft_status_in_a_list_is_named_by_its_position()
    {
        var problem = await (await api.CreateClient().GetAsync("/api/v1/demands?status=open&status=draft&modality=image&modality=smell")).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("status[1]", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("modality[1]", out _), problem.ToString());
        Assert.False(errors.TryGetProperty("status[0]", out _), problem.ToString());
    }
}

public sealed class DemandSearchTests_Sqlite(SqliteApi api) : DemandSearchTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class DemandSearchTests_PostgreSql(PostgreSqlApi api) : DemandSearchTests(api), IClassFixture<PostgreSqlApi>;
