using Cpts.Agenda.Api.Features.Directory;

namespace Cpts.Agenda.Tests;

public sealed class RppsTests
{
    [Theory]
    [InlineData("10000000017")]
    [InlineData("10101010105")]
    [InlineData("81001234566")]
    public void A_number_whose_last_digit_is_the_Luhn_check_is_valid(string rpps) => Assert.True(Rpps.IsValid(rpps));

    [Theory]
    [InlineData("10000000019")]
    [InlineData("10000000018")]
    [InlineData("1000000001")]
    [InlineData("100000000170")]
    [InlineData("1000000001a")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_invalid(string? rpps) => Assert.False(Rpps.IsValid(rpps));

    [Fact]
    public void The_computed_check_digit_always_makes_a_valid_number()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var firstTen = random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rpps = firstTen + Rpps.CheckDigit(firstTen);
            Assert.True(Rpps.IsValid(rpps), rpps);
            var wrong = firstTen + (char)('0' + (rpps[10] - '0' + 1) % 10);
            Assert.False(Rpps.IsValid(wrong), wrong);
        }
    }
}
