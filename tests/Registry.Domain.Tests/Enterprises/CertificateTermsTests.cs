using Registry.Domain.Enterprises;

namespace Registry.Domain.Tests.Enterprises;

public sealed class CertificateTermsTests
{
    [Fact]
    public void A_certificate_is_valid_three_years_less_a_day() =>
        Assert.Equal(new DateOnly(2029, 11, 22), CertificateTerms.ExpiresOn(new DateOnly(2026, 11, 23)));

    [Fact]
    public void A_certificate_issued_on_a_leap_day_ends_the_day_before_the_clamped_anniversary()
    {
        var issued = new DateOnly(2024, 2, 29);
        var anniversary = issued.AddYears(3);

        Assert.Equal(new DateOnly(2027, 2, 28), anniversary);
        Assert.Equal(anniversary.AddDays(-1), CertificateTerms.ExpiresOn(issued));
        Assert.Equal(new DateOnly(2027, 2, 27), CertificateTerms.ExpiresOn(issued));
    }

    [Fact]
    public void The_validity_can_be_given_in_years() =>
        Assert.Equal(new DateOnly(2027, 12, 31), CertificateTerms.ExpiresOn(new DateOnly(2027, 1, 1), validityYears: 1));

    [Fact]
    public void A_certificate_has_expired_only_after_its_last_valid_day()
    {
        var last = new DateOnly(2029, 11, 22);

        Assert.False(CertificateTerms.HasExpired(last, last.AddDays(-1)));
        Assert.False(CertificateTerms.HasExpired(last, last));
        Assert.True(CertificateTerms.HasExpired(last, last.AddDays(1)));
    }

    [Theory]
    [InlineData(91, false)]
    [InlineData(90, false)]
    [InlineData(89, true)]
    [InlineData(1, true)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    [InlineData(-30, false)]
    public void A_certificate_is_expiring_soon_within_its_last_ninety_valid_days(int daysToLastValidDay, bool expiringSoon)
    {
        var last = new DateOnly(2029, 11, 22);

        Assert.Equal(expiringSoon, CertificateTerms.IsExpiringSoon(last, last.AddDays(-daysToLastValidDay)));
    }

    [Fact]
    public void The_warning_period_can_be_given_in_days()
    {
        var last = new DateOnly(2029, 11, 22);

        Assert.True(CertificateTerms.IsExpiringSoon(last, last.AddDays(-29), warningDays: 30));
        Assert.False(CertificateTerms.IsExpiringSoon(last, last.AddDays(-30), warningDays: 30));
    }

    [Fact]
    public void The_number_names_year_province_grade_and_a_six_digit_sequence() =>
        Assert.Equal("SJBZ-2026-51-3-000042", CertificateTerms.Number(2026, "510100", 3, 42));

    [Theory]
    [InlineData(2026, "110000", 1, 1, "SJBZ-2026-11-1-000001")]
    [InlineData(2027, "440300", 5, 999999, "SJBZ-2027-44-5-999999")]
    [InlineData(2028, "51", 2, 123456, "SJBZ-2028-51-2-123456")]
    public void The_number_takes_the_province_pair_of_the_region_code(int year, string region, int grade, long sequence, string expected) =>
        Assert.Equal(expected, CertificateTerms.Number(year, region, grade, sequence));
}
