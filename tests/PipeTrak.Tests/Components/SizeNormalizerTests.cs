using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-012 size normalization; TRK-013 size display.</summary>
public sealed class SizeNormalizerTests
{
    [Theory]
    [InlineData("1 1/2\"", "1-1X2")]   // spec example
    [InlineData("1-1/2", "1-1X2")]     // spec example
    [InlineData("3/4\"", "3X4")]
    [InlineData("  2\"  ", "2")]
    [InlineData("2'", "2")]
    [InlineData("6", "6")]
    [InlineData("2.5", "2.5")]
    [InlineData("1  1/2", "1-1X2")]
    [InlineData("10 3/4", "10-3X4")]
    [InlineData("2 x 1", "2X1")]
    [InlineData("2x1", "2X1")]
    [InlineData("2x1 1/2", "2X1-1X2")]
    [InlineData("3/4 x 1/2", "3X4X1X2")]
    [InlineData("dn 50", "DN50")]
    [InlineData("half", "HALF")]
    [InlineData("1 1/2 \"", "1-1X2")]
    public void TRK012_sizes_normalize_in_order(string written, string expected) =>
        Assert.Equal(expected, SizeNormalizer.Normalize(written));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("''")]
    public void TRK012_empty_is_NOSIZE(string? written) =>
        Assert.Equal("NOSIZE", SizeNormalizer.Normalize(written));

    [Theory]
    [InlineData("1 1/2\"")]
    [InlineData("3/4")]
    [InlineData("2x1")]
    [InlineData("")]
    public void TRK012_normalizing_twice_changes_nothing(string written)
    {
        var once = SizeNormalizer.Normalize(written);
        Assert.Equal(once, SizeNormalizer.Normalize(once));
    }

    [Fact]
    public void TRK012_long_input_is_handled() =>
        Assert.Equal(new string('9', 300) + "X4", SizeNormalizer.Normalize(new string('9', 300) + "/4"));

    [Theory]
    [InlineData("3X4", null, "3/4\"")]
    [InlineData("1-1X2", null, "1-1/2\"")]
    [InlineData("2", null, "2\"")]
    [InlineData("2.5", null, "2.5\"")]
    [InlineData("4X2", "4\" x 2\"", "4\" x 2\"")]   // reducer shows as written
    [InlineData("2X2", "2x2", "2x2")]                // N = M is a reducer too
    [InlineData("4X2", null, "4X2")]
    [InlineData("NOSIZE", null, "")]
    [InlineData("NOSIZE", "", "")]
    [InlineData("DN50", "dn 50", "dn 50")]
    [InlineData("10X12", null, "10/12\"")]
    public void TRK013_sizes_display(string normalized, string? written, string expected) =>
        Assert.Equal(expected, SizeDisplay.Format(normalized, written));
}
