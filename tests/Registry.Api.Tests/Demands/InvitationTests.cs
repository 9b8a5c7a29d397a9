using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// The agency of an open demand invites enterprises to bid: once per enterprise, one event each, seen by the agency, its
/// regulators and the invitee only. An invitation changes nothing about who may bid.
/// </summary>
public abstract class InvitationTests(RegistryApi api)
{
    private static async Task<(HttpClient Client, Guid Id)> EnterpriseAsync(RegistryApi api, bool certified = true)
    {
        var (client, id) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        if (certified) await EnterpriseArrange.CertifyAsync(api, client, grade: 3);
        return (client, id);
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient agency, Guid demand, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/demands/{demand}/invitations") { Content = JsonBody.Of(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return agency.SendAsync(request);
    }

    private async Task<List<Guid>> InvitationEventsAsync(Guid demand)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var payloads = await connection.QueryAsync<string>("select payload from outbox where type = 'demand.invitation_sent' and entity_id = @id order by seq",
            new { id = demand.ToString() });
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("enterpriseId").GetGuid()).ToList();
    }

    private static IEnumerable<Guid> Enterprises(JsonElement invitations) =>
        invitations.EnumerateArray().Select(i => i.GetProperty("enterpriseId").GetGuid());

    [Fact]
    public async Task The_agency_invites_enterprises_and_each_invitee_sees_its_own_invitation_with_the_demand()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市邀请投标车辆拉框标注");
        var (first, second) = (await EnterpriseAsync(api), await EnterpriseAsync(api));
        var agency = await api.ClientAsAsync("cd.health");

        var batch = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { first.Id, second.Id }, message = "欢迎参与投标" })).SucceededJsonAsync();

        Assert.Equal(2, batch.GetProperty("created").GetInt32());
        Assert.Equal([first.Id, second.Id], Enterprises(batch.GetProperty("invitations")));
        Assert.Equal([first.Id, second.Id], Enterprises(await (await agency.GetAsync($"/api/v1/demands/{demand}/invitations")).SucceededJsonAsync()));
        Assert.Equal([first.Id, second.Id], await InvitationEventsAsync(demand));
        var mine = await (await first.Client.GetAsync("/api/v1/invitations/mine")).SucceededJsonAsync();
        var invitation = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal((demand, "成都市邀请投标车辆拉框标注", "欢迎参与投标", "open"), (invitation.GetProperty("demandId").GetGuid(),
            invitation.GetProperty("demandTitle").GetString(), invitation.GetProperty("message").GetString(), invitation.GetProperty("demandStatus").GetString()));
        Assert.Equal(deadline, invitation.GetProperty("bidDeadline").GetDateTimeOffset());
        var published = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync();
        Assert.Equal(published.GetProperty("number").GetString(), invitation.GetProperty("demandNumber").GetString());
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Inviting_an_enterprise_again_changes_nothing_and_answers_its_first_invitation()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市重复邀请车辆拉框标注");
        var (invitee, other) = (await EnterpriseAsync(api), await EnterpriseAsync(api));
        var agency = await api.ClientAsAsync("cd.health");
        var first = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { invitee.Id }, message = "第一次邀请" })).SucceededJsonAsync();

        var again = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { invitee.Id, other.Id, invitee.Id }, message = "再次邀请" }))
            .SucceededJsonAsync();

        Assert.Equal(1, again.GetProperty("created").GetInt32());
        var repeated = again.GetProperty("invitations")[0];
        Assert.Equal(first.GetProperty("invitations")[0].GetProperty("id").GetGuid(), repeated.GetProperty("id").GetGuid());
        Assert.Equal("第一次邀请", repeated.GetProperty("message").GetString());
        Assert.Equal([invitee.Id, other.Id], await InvitationEventsAsync(demand));
        Assert.Equal(2, (await (await agency.GetAsync($"/api/v1/demands/{demand}/invitations")).SucceededJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task An_invitation_sent_again_with_its_idempotency_key_is_answered_from_the_first_and_a_reused_key_is_refused()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市幂等邀请车辆拉框标注");
        var (invitee, other) = (await EnterpriseAsync(api), await EnterpriseAsync(api));
        var agency = await api.ClientAsAsync("cd.health");
        var key = "invite-" + Guid.NewGuid().ToString("N");
        var first = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { invitee.Id } }, key)).SucceededJsonAsync();

        var replayed = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { invitee.Id } }, key)).SucceededJsonAsync();
        var reused = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { other.Id } }, key)).ProblemAsync(422);

        Assert.Equal(first.ToString(), replayed.ToString());
        Assert.Equal(1, replayed.GetProperty("created").GetInt32());
        Assert.Equal("/problems/idempotency-key-reused", reused.GetProperty("type").GetString());
        Assert.Equal([invitee.Id], await InvitationEventsAsync(demand));
    }

    [Fact]
    public async Task An_unknown_id_or_an_organization_that_is_not_an_enterprise_is_a_field_error_and_nobody_is_invited()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市错误邀请车辆拉框标注");
        var valid = await EnterpriseAsync(api);
        var agency = await api.ClientAsAsync("cd.health");

        var problem = await (await InviteAsync(agency, demand, new
        {
            enterpriseIds = new[] { valid.Id, Guid.NewGuid(), await api.OrganizationIdAsync("hf.transport") },
        })).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["enterpriseIds[1]", "enterpriseIds[2]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("not an enterprise", errors.GetProperty("enterpriseIds[2]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await agency.GetAsync($"/api/v1/demands/{demand}/invitations")).SucceededJsonAsync()).GetArrayLength());
        Assert.Empty(await InvitationEventsAsync(demand));
    }

    [Fact]
    public async Task No_list_at_all_an_empty_id_or_more_than_100_enterprises_at_once_are_field_errors()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市超量邀请车辆拉框标注");
        var agency = await api.ClientAsAsync("cd.health");

        var tooMany = await (await InviteAsync(agency, demand, new { enterpriseIds = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()) })).ProblemAsync(400);
        var empty = await (await InviteAsync(agency, demand, new { enterpriseIds = Array.Empty<Guid>() })).ProblemAsync(400);
        var emptyId = await (await InviteAsync(agency, demand, new { enterpriseIds = new[] { Guid.Empty } })).ProblemAsync(400);

        Assert.True(tooMany.GetProperty("errors").TryGetProperty("enterpriseIds", out _), tooMany.ToString());
        Assert.True(empty.GetProperty("errors").TryGetProperty("enterpriseIds", out _), empty.ToString());
        Assert.True(emptyId.GetProperty("errors").TryGetProperty("enterpriseIds[0]", out _), emptyId.ToString());
    }

    [Fact]
    public async Task Another_agency_can_neither_invite_on_the_demand_nor_read_its_invitations_and_regulators_read_only_in_their_region()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市他方邀请车辆拉框标注");
        var invitee = await EnterpriseAsync(api);
        await (await InviteAsync(await api.ClientAsAsync("cd.health"), demand, new { enterpriseIds = new[] { invitee.Id } })).SucceededJsonAsync();
        var other = await api.ClientAsAsync("hf.transport");
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);

        await (await InviteAsync(other, demand, new { enterpriseIds = new[] { (await EnterpriseAsync(api)).Id } })).ProblemAsync(403);
        await (await other.GetAsync($"/api/v1/demands/{demand}/invitations")).ProblemAsync(404);
        await (await anhui.GetAsync($"/api/v1/demands/{demand}/invitations")).ProblemAsync(404);

        Assert.Equal([invitee.Id], Enterprises(await (await (await api.ClientAsAsync("sichuan")).GetAsync($"/api/v1/demands/{demand}/invitations")).SucceededJsonAsync()));
        Assert.Equal([invitee.Id], await InvitationEventsAsync(demand));
    }

    [Fact]
    public async Task An_invited_enterprise_cannot_see_whom_else_the_agency_invited()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市保密邀请车辆拉框标注");
        var (invitee, rival) = (await EnterpriseAsync(api), await EnterpriseAsync(api));
        await (await InviteAsync(await api.ClientAsAsync("cd.health"), demand, new { enterpriseIds = new[] { invitee.Id, rival.Id } })).SucceededJsonAsync();

        await (await invitee.Client.GetAsync($"/api/v1/demands/{demand}/invitations")).ProblemAsync(403);
        var mine = await (await invitee.Client.GetAsync("/api/v1/invitations/mine?pageSize=100")).SucceededJsonAsync();

        Assert.DoesNotContain(rival.Id.ToString(), mine.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([invitee.Id], Enterprises(mine.GetProperty("items")));
        await (await invitee.Client.PostAsync($"/api/v1/demands/{demand}/invitations", JsonBody.Of(new { enterpriseIds = new[] { invitee.Id } })))
            .ProblemAsync(403);
    }

    [Fact]
    public async Task An_invited_but_ineligible_enterprise_still_cannot_bid()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市邀请不改资格车辆拉框标注");
        var uncertified = await EnterpriseAsync(api, certified: false);
        await (await InviteAsync(await api.ClientAsAsync("cd.health"), demand, new { enterpriseIds = new[] { uncertified.Id } })).SucceededJsonAsync();

        var refused = await (await uncertified.Client.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).ProblemAsync(422);

        Assert.Equal("/problems/certificate-not-active", refused.GetProperty("type").GetString());
        Assert.Equal(0, (await (await uncertified.Client.GetAsync("/api/v1/bids/mine")).SucceededJsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Invitations_are_sent_only_while_bidding_is_open()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市截止后邀请车辆拉框标注");
        var invitee = await EnterpriseAsync(api);
        var draft = await (await (await api.ClientAsAsync("cd.health")).PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand("成都市草稿邀请标注"))))
            .SucceededJsonAsync();
        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        var agencyLater = await DemandArrange.DemoClientAsync(later, "cd.health");

        await (await InviteAsync(agencyLater, demand, new { enterpriseIds = new[] { invitee.Id } })).ProblemAsync(409);
        await (await InviteAsync(await api.ClientAsAsync("cd.health"), draft.GetProperty("id").GetGuid(), new { enterpriseIds = new[] { invitee.Id } }))
            .ProblemAsync(409);

        Assert.Empty(await InvitationEventsAsync(demand));
        Assert.Equal(0, (await (await invitee.Client.GetAsync("/api/v1/invitations/mine")).SucceededJsonAsync()).GetProperty("total").GetInt32());
    }
}

public sealed class InvitationTests_Sqlite(SqliteApi api) : InvitationTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class InvitationTests_PostgreSql(PostgreSqlApi api) : InvitationTests(api), IClassFixture<PostgreSqlApi>;
