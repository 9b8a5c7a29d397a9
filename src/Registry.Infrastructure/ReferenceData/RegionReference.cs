using Registry.Domain.Regions;
using Registry.Infrastructure.Migrations;

namespace Registry.Infrastructure.ReferenceData;

/// <summary>The shipped GB/T 2260 regions, the file the regions table is seeded from, as the domain's directory.</summary>
public static class RegionReference
{
    public static RegionDirectory Load() => new(ReferenceDataFiles.Regions().Select(r => new Region(r.Code, r.NameZh, r.NameEn,
        r.Level switch
        {
            "province" => RegionLevel.Province,
            "city" => RegionLevel.City,
            var other => throw new InvalidDataException($"regions.json: unknown level '{other}' of {r.Code}."),
        }, r.ParentCode)));
}
