using System.Text.Json;
using Registry.Api.Hosting;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Nodes;

/// <summary>Items of a regional node's batch, as the demo node 四川省数据标注公共服务平台 (region 510000) would send them.</summary>
public static class NodeArrange
{
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static string CreditCodeOf(string username) =>
        UnifiedSocialCreditCode.Create(DemoData.Organizations.Single(o => o.Username == username).CreditCode17);

    /// <summary>An enterprise as the node sends it: the registration's profile with the node's id and an English name.</summary>
    public static Dictionary<string, object?> Enterprise(string externalId, string? name = null, string region = "510100", string? creditCode = null)
    {
        name ??= "四川节点标注企业" + Unique();
        var fields = JsonSerializer.SerializeToElement(EnterpriseArrange.Profile(name, creditCode ?? TestCreditCodes.Next("91" + region + "MA"), region), RegistryApi.Json)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["externalId"] = externalId;
        fields["nameEn"] = "Sichuan node enterprise";
        return fields;
    }

    public static Dictionary<string, object?> Entry(string externalId, string title, string agency = "cd.health", string region = "510100", string? code = null)
    {
        var fields = JsonSerializer.SerializeToElement(CatalogArrange.Content(title, region: region), RegistryApi.Json)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["externalId"] = externalId;
        fields["agencyCreditCode"] = CreditCodeOf(agency);
        fields["code"] = code ?? "SC-" + Unique();
        return fields;
    }
}
