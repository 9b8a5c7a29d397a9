using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Time;

namespace Registry.Api.Tests.Exclusions;

/// <summary>Arranges exclusions through the API, as Sichuan's regulator records them.</summary>
public static class ExclusionArrange
{
    /// <summary>What Sichuan's regulator sends to debar a new Chengdu enterprise from today, until lifted.</summary>
    public static async Task<object> BodyAsync(RegistryApi api) => new
    {
        enterpriseId = (await EnterpriseArrange.RegisteredAsync(api)).Id, type = "debarment", source = "regulator", reason = "提供虚假材料谋取中标",
        legalBasis = "《政府采购法》第七十七条", startDate = ChinaTime.Today(TimeProvider.System), endDate = (DateOnly?)null,
    };

    /// <summary>An exclusion in force of a new Chengdu enterprise; returns its id.</summary>
    public static async Task<Guid> InForceAsync(RegistryApi api) =>
        (await (await (await api.ClientAsAsync("sichuan")).PostAsync("/api/v1/exclusions", JsonBody.Of(await BodyAsync(api)))).SucceededJsonAsync())
        .GetProperty("id").GetGuid();
}
