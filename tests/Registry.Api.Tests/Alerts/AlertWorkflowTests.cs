using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Alerts;

/// <summary>
/// Regulators of the alert's region work it: open → acknowledged → resolved (with a note) or dismissed (with a reason), or straight
/// from open; a step from the wrong state is 409, another province's regulator gets 404, other roles 403; every step is audited.
/// </summary>
public abstract class AlertWorkflowTests(RegistryApi api)
{
    private static string Path(Guid alert, string step) => $"/api/v1/alerts/{alert}/{step}";

    [Fact]
    public async Task An_alert_is_acknowledged_then_resolved_with_a_note_and_each_step_is_audited_and_versioned()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");
        var opened = await (await sichuan.GetAsync($"/api/v1/alerts/{alert}")).SucceededJsonAsync();
        Assert.Equal("info", opened.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrEmpty(opened.GetProperty("messageZh").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, opened.GetProperty("evidence").ValueKind);

        var acknowledged = await (await sichuan.PostIfMatchAsync(Path(alert, "acknowledge"), new { note = "已安排核查" })).SucceededJsonAsync();
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        Assert.Equal(2, acknowledged.GetProperty("version").GetInt64());
        var resolved = await (await sichuan.PostIfMatchAsync(Path(alert, "resolve"), new { note = "已约谈采购单位，扩大公告范围" })).SucceededJsonAsync();

        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("已约谈采购单位，扩大公告范围", resolved.GetProperty("statusNote").GetString());
        var actions = await AuditActionsAsync(alert);
        Assert.Equal(["AcknowledgeAlert", "ResolveAlert"], actions);
    }

    [Fact]
    public async Task An_open_alert_may_be_dismissed_at_once_with_a_reason_and_then_nothing_more_happens_to_it()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");

        var dismissed = await (await sichuan.PostIfMatchAsync(Path(alert, "dismiss"), new { reason = "仅一家具备资质，属正常情况" })).SucceededJsonAsync();

        Assert.Equal("dismissed", dismissed.GetProperty("status").GetString());
        var again = await (await sichuan.PostIfMatchAsync(Path(alert, "acknowledge"), new { })).ProblemAsync(409);
        Assert.Contains("dismissed", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await sichuan.PostIfMatchAsync(Path(alert, "resolve"), new { note = "补充处理" })).ProblemAsync(409);
    }

    [Fact]
    public async Task Resolving_without_a_note_or_dismissing_without_a_reason_is_400_and_a_stale_version_412()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");
        var stale = await sichuan.ETagAsync(Path(alert, "resolve"));

        Assert.True((await (await sichuan.PostIfMatchAsync(Path(alert, "resolve"), new { note = " " })).ProblemAsync(400)).GetProperty("errors").TryGetProperty("note", out _));
        await (await sichuan.PostIfMatchAsync(Path(alert, "dismiss"), new { reason = "" })).ProblemAsync(400);
        await (await sichuan.PostAsync(Path(alert, "acknowledge"), JsonBody.Of(new { }))).ProblemAsync(400);
        await (await sichuan.PostIfMatchAsync(Path(alert, "acknowledge"), new { })).SucceededJsonAsync();
        await (await sichuan.PostIfMatchAsync(Path(alert, "dismiss"), new { reason = "误报" }, stale)).ProblemAsync(412);

        Assert.Equal("acknowledged", (await (await sichuan.GetAsync($"/api/v1/alerts/{alert}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_provinces_regulator_gets_404_other_roles_403_and_nothing_changes()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var etag = await (await api.ClientAsAsync("admin")).ETagAsync(Path(alert, "acknowledge"));
        var anhui = await (await DemandArrange.AnhuiRegulatorAsync(api)).On(api);

        await (await anhui.GetAsync($"/api/v1/alerts/{alert}")).ProblemAsync(404);
        await (await anhui.PostIfMatchAsync(Path(alert, "acknowledge"), new { }, etag)).ProblemAsync(404);
        await (await anhui.PostIfMatchAsync(Path(alert, "dismiss"), new { reason = "不属本省" }, etag)).ProblemAsync(404);
        foreach (var role in new[] { "admin", "cd.health", "shuyu", "certifier" })
            await (await (await api.ClientAsAsync(role)).PostIfMatchAsync(Path(alert, "resolve"), new { note = "越权处理" }, etag)).ProblemAsync(403);

        var national = await api.ClientAsAsync("nda");
        Assert.Equal("open", (await (await national.GetAsync($"/api/v1/alerts/{alert}")).SucceededJsonAsync()).GetProperty("status").GetString());
        await (await national.PostIfMatchAsync(Path(alert, "acknowledge"), new { note = "国家层面关注" })).SucceededJsonAsync();
    }

    [Theory]
    [InlineData("type=no_such_rule", "type", "bid_rotation")]
    [InlineData("status=closed", "status", "acknowledged")]
    [InlineData("severity=critical", "severity", "warning")]
    [InlineData("region=519900", "region", "519900")]
    [InlineData("from=2026-12-02&to=2026-12-01", "to", "from")]
    public async Task An_unknown_filter_value_is_a_400_naming_the_field_and_the_allowed_values(string query, string field, string mentioned)
    {
        var problem = await (await (await api.ClientAsAsync("sichuan")).GetAsync("/api/v1/alerts?" + query)).ProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(mentioned, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_by_status_severity_region_and_china_time_dates()
    {
        var alert = await AlertArrange.OpenAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");
        await (await sichuan.PostIfMatchAsync(Path(alert, "acknowledge"), new { })).SucceededJsonAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(32)).ToString("yyyy-MM-dd");

        bool Listed(List<System.Text.Json.JsonElement> items) => items.Any(a => a.GetProperty("id").GetGuid() == alert);
        Assert.True(Listed(await AlertArrange.ListAsync(sichuan, $"&status=acknowledged&severity=info&type=single_bidder&region=510100&from={today}&to={today}")));
        Assert.False(Listed(await AlertArrange.ListAsync(sichuan, "&status=open")));
        Assert.False(Listed(await AlertArrange.ListAsync(sichuan, "&severity=high")));
        Assert.False(Listed(await AlertArrange.ListAsync(sichuan, "&region=510700")));
        Assert.False(Listed(await AlertArrange.ListAsync(sichuan, $"&from={tomorrow}")));
        Assert.False(Listed(await AlertArrange.ListAsync(sichuan, "&to=2026-01-01")));
    }

    private async Task<List<string>> AuditActionsAsync(Guid alert)
    {
        var connections = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Registry.Application.Common.IConnectionFactory>(api.Services);
        await using var connection = await connections.OpenPrimaryAsync(default);
        return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, "select action from audit_log where entity_id = @id order by seq",
            new { id = alert.ToString() })];
    }
}

public sealed class AlertWorkflowTests_Sqlite(SqliteApi api) : AlertWorkflowTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AlertWorkflowTests_PostgreSql(PostgreSqlApi api) : AlertWorkflowTests(api), IClassFixture<PostgreSqlApi>;
