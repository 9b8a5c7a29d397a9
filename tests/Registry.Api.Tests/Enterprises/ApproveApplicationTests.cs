using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// An application is decided once. Commands no longer queue on the ledger for their whole run, so the status guard in the
/// decision's write decides a race: the second approval finds the application approved and rolls back, certificate and all.
/// </summary>
public abstract class ApproveApplicationTests(RegistryApi api)
{
    [Fact]
    public async Task Two_approvals_of_one_application_at_once_issue_exactly_one_certificate()
    {
        var application = await EnterpriseArrange.ApplicationAsync(api, underReview: true);
        var reviewer = await api.ClientAsAsync("sichuan");

        var answers = (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            reviewer.PostAsync($"/api/v1/certification/applications/{application}/approve", JsonBody.Of(new { }))))))
            .Select(r => r.StatusCode).ToList();

        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.OK));
        Assert.All(answers.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var id = api.Services.GetRequiredService<IConnectionFactory>().Dialect.Name == "Sqlite" ? (object)application.ToString("D") : application;
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("""
            select count(*) from certificates c join certification_applications a on a.enterprise_id = c.enterprise_id where a.id = @id
            """, new { id }));
    }
}

public sealed class ApproveApplicationTests_Sqlite(SqliteApi api) : ApproveApplicationTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ApproveApplicationTests_PostgreSql(PostgreSqlApi api) : ApproveApplicationTests(api), IClassFixture<PostgreSqlApi>;
