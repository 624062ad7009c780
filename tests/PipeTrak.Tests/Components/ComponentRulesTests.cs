using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-061, TRK-063, TRK-078, TRK-079, TRK-086.</summary>
public sealed class ComponentRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("  123456789  ")]
    public void TRK061_retire_reason_needs_10_characters(string? reason) =>
        Assert.Equal("Retire reason must be at least 10 characters", ComponentRules.ValidateRetireReason(reason));

    [Fact]
    public void TRK061_a_10_character_reason_is_enough() => Assert.Null(ComponentRules.ValidateRetireReason("1234567890"));

    [Fact]
    public void TRK063_restore_conflict_messages()
    {
        Assert.Equal("Cannot restore: an active drawing with the same identity exists", ComponentRules.RestoreConflictMessage(drawing: true));
        Assert.Equal("Cannot restore: an active component with the same identity exists", ComponentRules.RestoreConflictMessage(drawing: false));
    }

    [Fact]
    public void TRK078_stale_version_messages() =>
        Assert.Equal("This component was changed by someone else. Review the current values and try again.", ComponentRules.StaleVersionMessage(false));

    [Fact]
    public void TRK079_next_seq_is_highest_plus_1()
    {
        Assert.Equal(3, ComponentRules.NextSeq(2));
        Assert.Equal(1, ComponentRules.NextSeq(null));
    }

    [Fact]
    public void TRK079_reclassify_only_at_0_percent()
    {
        Assert.Null(ComponentRules.ValidateReclassify(0, [0, 0]));
        Assert.Equal("Only components with no progress can change type", ComponentRules.ValidateReclassify(0, [0, 0.01m]));
        Assert.Equal("Only components with no progress can change type", ComponentRules.ValidateReclassify(5, []));
    }

    [Theory]
    [InlineData(40, "42.5", null, "17 LF of 42.5 LF")]
    [InlineData(50, "25", null, "13 LF of 25 LF")]      // 12.5 → 13, half away from zero
    [InlineData(100, null, "30", "30 LF of 30 LF")]      // original_qty fallback
    [InlineData(0, "10", "99", "0 LF of 10 LF")]
    public void TRK086_linear_feet_hint(int percent, string? total, string? original, string expected) =>
        Assert.Equal(expected, ComponentRules.LinearFeetHint(percent, Parse(total), Parse(original)));

    [Fact]
    public void TRK086_no_feet_no_hint() => Assert.Null(ComponentRules.LinearFeetHint(50, null, null));

    private static decimal? Parse(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
