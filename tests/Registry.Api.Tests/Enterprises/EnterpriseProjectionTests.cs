using System.Net;
using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Hosting;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Enterprises;

/// <summary>The directory rows an enterprise's changes keep in step: its own, and the enterprise counts of the bases.</summary>
public abstract class EnterpriseProjectionTests(RegistryApi api)
{
    private async Task<Guid> BaseIdAsync(string code) =>
        (await (await api.CreateClient().GetAsync("/api/v1/bases?pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
        .Single(b => b.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private async Task<int> EnterpriseCountAsync(Guid baseId) =>
        (await (await api.CreateClient().GetAsync($"/api/v1/bases/{baseId}")).JsonAsync()).GetProperty("enterpriseCount").GetInt32();

    [Fact]
    public async Task An_enterprise_that_moves_to_another_base_counts_there_and_no_longer_at_its_former_base()
    {
        var changsha = await BaseIdAsync("changsha");
        var haikou = await BaseIdAsync("haikou");
        var (client, id, name, code) = await EnterpriseArrange.UnregisteredAsync(api, "430100");
        var registered = await client.PostAsync("/api/v1/enterprises", JsonBody.Of(EnterpriseArrange.Profile(name, code, "430100", changsha)));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var (atChangsha, atHaikou) = (await EnterpriseCountAsync(changsha), await EnterpriseCountAsync(haikou));

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/enterprises/{id}")
        {
            Content = JsonBody.Of(EnterpriseArrange.Profile(name, code, "430100", haikou)),
        };
        update.Headers.IfMatch.Add(registered.Headers.ETag!);
        var moved = await client.SendAsync(update);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(atChangsha - 1, await EnterpriseCountAsync(changsha));
        Assert.Equal(atHaikou + 1, await EnterpriseCountAsync(haikou));
    }

    [Fact]
    public async Task Correcting_a_base_keeps_its_enterprise_count()
    {
        var baoding = await BaseIdAsync("baoding");
        await EnterpriseArrange.RegisteredAsync(api, "130600", null, (n, c) => EnterpriseArrange.Profile(n, c, "130600", baoding));
        var before = await (await api.CreateClient().GetAsync($"/api/v1/bases/{baoding}")).JsonAsync();
        Assert.True(before.GetProperty("enterpriseCount").GetInt32() >= 1);

        var correction = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/bases/{baoding}")
        {
            Content = JsonBody.Of(new
            {
                nameZh = before.GetProperty("nameZh").GetString(), nameEn = before.GetProperty("nameEn").GetString(), level = "national",
                regionCode = before.GetProperty("regionCode").GetString(), focusZh = "医疗、新能源、智能驾驶", focusEn = (string?)null,
                focusDomains = before.GetProperty("focusDomains").EnumerateArray().Select(d => d.GetString()).ToArray(),
            }),
        };
        correction.Headers.TryAddWithoutValidation("If-Match", $"\"{before.GetProperty("version").GetInt64()}\"");
        var corrected = await (await api.ClientAsAsync("admin")).SendAsync(correction);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(before.GetProperty("enterpriseCount").GetInt32(), (await corrected.JsonAsync()).GetProperty("enterpriseCount").GetInt32());
        Assert.Equal(before.GetProperty("enterpriseCount").GetInt32(), await EnterpriseCountAsync(baoding));
    }

    [Fact]
    public async Task The_directory_row_is_stamped_by_the_injected_clock()
    {
        var (_, id) = await EnterpriseArrange.RegisteredAsync(api, "510100");
        var now = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TestClock(now))));
        // The token comes from the clocked host itself, so it is valid at the clock's time.
        var nda = DemoData.Organizations.Single(o => o.Username == "nda");
        var token = await (await RegistryApi.RequestTokenAsync(host, nda.ClientId, nda.ClientSecret)).JsonAsync();
        var regulator = RegistryApi.BearerClient(host, token.GetProperty("access_token").GetString()!);

        var granted = await regulator.PostAsync($"/api/v1/enterprises/{id}/designations",
            JsonBody.Of(new { designation = "sti", grantedOn = "2031-03-04", reason = "科技创新" }));

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var stamped = await connection.QuerySingleAsync<DateTimeOffset>("select updated_at from enterprise_directory where enterprise_id = @id", new { id });
        Assert.Equal(now, stamped);
    }
}

public sealed class EnterpriseProjectionTests_Sqlite(SqliteApi api) : EnterpriseProjectionTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class EnterpriseProjectionTests_PostgreSql(PostgreSqlApi api) : EnterpriseProjectionTests(api), IClassFixture<PostgreSqlApi>;
