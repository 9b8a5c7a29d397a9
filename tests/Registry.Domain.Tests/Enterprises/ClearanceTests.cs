using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Enterprises;

public sealed class ClearanceTests
{
    public static TheoryData<string, int, bool, bool> Table()
    {
        var data = new TheoryData<string, int, bool, bool>();
        foreach (var mlps in Enumerable.Range(1, 5))
        {
            foreach (var active in new[] { true, false })
            {
                data.Add(DataSecurityLevels.General, mlps, active, active);
                data.Add(DataSecurityLevels.Important, mlps, active, active && mlps >= 3);
                data.Add(DataSecurityLevels.Core, mlps, active, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void An_enterprise_may_handle_data_by_security_level_MLPS_level_and_certificate(string level, int mlps, bool active, bool allowed) =>
        Assert.Equal(allowed, Clearance.MayHandle(level, mlps, active));

    [Fact]
    public void The_table_covers_every_security_level() =>
        Assert.Equal(DataSecurityLevels.All.Select(l => l.Code).Order(), Table().Select(row => (string)row[0]).Distinct().Order());

    [Fact]
    public void Core_data_is_never_allowed()
    {
        foreach (var mlps in Enumerable.Range(0, 7))
        {
            Assert.False(Clearance.MayHandle(DataSecurityLevels.Core, mlps, activeCertificate: true));
            Assert.False(Clearance.MayHandle(DataSecurityLevels.Core, mlps, activeCertificate: false));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("General")]
    public void An_unknown_security_level_is_never_allowed(string level) =>
        Assert.False(Clearance.MayHandle(level, 5, activeCertificate: true));

    [Theory]
    [InlineData(1, true, "general")]
    [InlineData(2, true, "general")]
    [InlineData(3, true, "important")]
    [InlineData(4, true, "important")]
    [InlineData(5, true, "important")]
    [InlineData(1, false, null)]
    [InlineData(3, false, null)]
    [InlineData(5, false, null)]
    public void The_highest_level_is_important_from_MLPS_3_with_an_active_certificate(int mlps, bool active, string? expected) =>
        Assert.Equal(expected, Clearance.HighestLevel(mlps, active));
}
