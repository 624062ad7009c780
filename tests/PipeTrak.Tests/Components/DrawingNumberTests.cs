using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-014 drawing numbers.</summary>
public sealed class DrawingNumberTests
{
    [Theory]
    [InlineData("  p-100  ", "P-100")]
    [InlineData("iso  22", "ISO 22")]
    [InlineData("P-100\t\t01of02", "P-100 01OF02")]
    [InlineData("0012-a", "0012-A")]
    [InlineData("ISO-22", "ISO-22")]
    public void TRK014_trim_upper_case_and_collapse_whitespace(string written, string expected) =>
        Assert.Equal(expected, DrawingNumber.Normalize(written));

    [Fact]
    public void TRK014_sheet_marks_keep_drawings_apart() =>
        Assert.NotEqual(DrawingNumber.Normalize("P-100 01of02"), DrawingNumber.Normalize("P-100 02of02"));

    [Fact]
    public void TRK014_leading_zeros_and_hyphens_are_kept() =>
        Assert.NotEqual(DrawingNumber.Normalize("P-0100"), DrawingNumber.Normalize("P100"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TRK014_empty_number_is_required(string? written)
    {
        Assert.Equal("Drawing number is required", DrawingNumber.Validate(written));
        Assert.Equal("", DrawingNumber.Normalize(written));
    }

    [Fact]
    public void TRK014_a_number_is_valid() => Assert.Null(DrawingNumber.Validate("P-1"));
}
