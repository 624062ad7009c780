using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Welds;

/// <summary>WLD-002/010/011/020..058 guards and effects.</summary>
public sealed class WeldRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly WeldState Unwelded = new(false, false, null, null, false);
    private static readonly WeldState Welded = new(false, true, Today.AddDays(-3), null, false);
    private static readonly string[] FieldWeldMilestones =
        [.. DefaultTemplates.For(PipeTrak.Web.Features.Components.ComponentType.FieldWeld).Select(r => r.Name)];

    [Theory]
    [InlineData("bw", WeldType.BW)]
    [InlineData(" Sw ", WeldType.SW)]
    [InlineData("FW", WeldType.FW)]
    [InlineData("tw", WeldType.TW)]
    public void WLD002_weld_types_parse_in_any_case(string text, WeldType expected)
    {
        Assert.True(WeldCodes.TryParseWeldType(text, out var type));
        Assert.Equal(expected, type);
        Assert.Equal(expected.ToString(), type.Code());
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("BW, SW")]
    public void WLD002_unknown_codes_are_refused(string? text) => Assert.False(WeldCodes.TryParseWeldType(text, out _));

    [Fact]
    public void WLD002_nde_codes_and_statuses()
    {
        Assert.True(WeldCodes.TryParseNdeType("ut", out var nde));
        Assert.Equal("UT", nde.Code());
        Assert.True(WeldCodes.TryParseNdeResult("pass", out var result));
        Assert.Equal("PASS", result.Code());
        Assert.Equal("PENDING", NdeResult.Pending.Code());
        Assert.Equal("rejected", WeldCodes.StatusFor(NdeResult.Fail).Code());
        Assert.Equal(WeldStatus.Accepted, WeldCodes.StatusFor(NdeResult.Pass));
        Assert.Equal(WeldStatus.Active, WeldCodes.StatusFor(NdeResult.Pending));
        Assert.Equal(WeldStatus.Active, WeldCodes.StatusFor(null));
    }

    [Theory]
    [InlineData(" ab-12 ", null)]
    [InlineData("JD", null)]
    [InlineData("ABCDEFGHIJKL", null)]
    [InlineData("A", WelderRules.StencilMessage)]
    [InlineData("ABCDEFGHIJKLM", WelderRules.StencilMessage)]
    [InlineData("AB_12", WelderRules.StencilMessage)]
    [InlineData("", WelderRules.StencilMessage)]
    [InlineData(null, WelderRules.StencilMessage)]
    public void WLD010_stencil_pattern(string? stencil, string? expected) => Assert.Equal(expected, WelderRules.ValidateStencil(stencil));

    [Fact]
    public void WLD010_stencil_is_normalized_and_unique_message()
    {
        Assert.Equal("AB-12", WelderRules.NormalizeStencil(" ab-12 "));
        Assert.Equal("Stencil JD-01 is already used by John Doe", WelderRules.StencilTaken("JD-01", "John Doe"));
    }

    [Fact]
    public void WLD011_name_and_delete_rules()
    {
        Assert.Equal(WelderRules.NameRequiredMessage, WelderRules.ValidateName("  "));
        Assert.Equal(WelderRules.NameTooLongMessage, WelderRules.ValidateName(new string('x', 101)));
        Assert.Null(WelderRules.ValidateName(new string('x', 100)));
        Assert.Equal("This welder has welds and cannot be deleted", WelderRules.CanDelete(1));
        Assert.Null(WelderRules.CanDelete(0));
        Assert.Equal("JD – John Doe", WelderRules.Display("JD", "John Doe"));
    }

    [Fact]
    public void WLD020_assign_guards_in_order()
    {
        Assert.Equal("Retired welds cannot be changed", WeldRules.CanAssign(Unwelded with { IsRetired = true, HasWelder = true }, true, Today, Today));
        Assert.Equal("A welder is already assigned. Use Edit Assignment.", WeldRules.CanAssign(Welded, true, Today, Today));
        Assert.Equal(WeldRules.WelderRequiredMessage, WeldRules.CanAssign(Unwelded, false, Today, Today));
        Assert.Equal(WeldRules.DateRequiredMessage, WeldRules.CanAssign(Unwelded, true, null, Today));
        Assert.Equal("Date welded cannot be in the future", WeldRules.CanAssign(Unwelded, true, Today.AddDays(1), Today));
        Assert.Null(WeldRules.CanAssign(Unwelded, true, Today, Today));
    }

    [Fact]
    public void WLD020_assign_sets_fit_up_and_weld_complete_for_70_percent()
    {
        var effect = WeldRules.AssignEffect();
        Assert.Equal(70m, Percent(effect));
    }

    [Fact]
    public void WLD022_edit_assignment_is_allowed_with_an_nde_result()
    {
        Assert.Null(WeldRules.CanEditAssignment(Welded with { NdeResult = NdeResult.Pass }, true, Today, Today));
        Assert.Equal(WeldRules.NotAssignedMessage, WeldRules.CanEditAssignment(Unwelded, true, Today, Today));
        Assert.Equal(WeldRules.FutureDateMessage, WeldRules.CanEditAssignment(Welded, true, Today.AddDays(2), Today));
    }

    [Fact]
    public void WLD023_clear_assignment_needs_no_nde_and_a_reason()
    {
        Assert.Equal("Clear the NDE result first", WeldRules.CanClearAssignment(Welded with { NdeResult = NdeResult.Pending }, RollbackReasons.DataEntryError, null));
        Assert.Equal(RollbackReasons.ReasonRequiredMessage, WeldRules.CanClearAssignment(Welded, null, null));
        Assert.Equal(RollbackReasons.DetailsMessage, WeldRules.CanClearAssignment(Welded, RollbackReasons.Other, "short"));
        Assert.Null(WeldRules.CanClearAssignment(Welded, RollbackReasons.IncorrectWelder, null));
        Assert.Equal(10m, Percent(Merge(WeldRules.AssignEffect(), WeldRules.ClearAssignmentEffect())));
    }

    [Fact]
    public void WLD030_record_nde_guards()
    {
        Assert.Equal("Cannot record NDE: welder must be assigned first", WeldRules.CanRecordNde(Unwelded, Today, null, Today));
        Assert.Equal("NDE result already recorded. Use Update NDE to change it.", WeldRules.CanRecordNde(Welded with { NdeResult = NdeResult.Pending }, Today, null, Today));
        Assert.Equal("NDE date cannot be in the future", WeldRules.CanRecordNde(Welded, Today.AddDays(1), null, Today));
        Assert.Equal("NDE date cannot be before the weld date", WeldRules.CanRecordNde(Welded, Today.AddDays(-4), null, Today));
        Assert.Equal(WeldRules.NdeNotesMessage, WeldRules.CanRecordNde(Welded, Today, new string('n', 1001), Today));
        Assert.Null(WeldRules.CanRecordNde(Welded, Today.AddDays(-3), new string('n', 1000), Today));
    }

    [Theory]
    [InlineData(NdeResult.Pass)]
    [InlineData(NdeResult.Fail)]
    public void WLD031_pass_and_fail_credit_every_milestone(NdeResult result)
    {
        var effect = WeldRules.NdeEffect(null, result, FieldWeldMilestones);
        Assert.All(FieldWeldMilestones, m => Assert.Equal(100, effect[m]));
        Assert.Equal(100m, Percent(effect));
    }

    [Fact]
    public void WLD031_pending_changes_nothing() => Assert.Empty(WeldRules.NdeEffect(null, NdeResult.Pending, FieldWeldMilestones));

    [Theory]
    [InlineData(NdeResult.Pass, NdeResult.Pending)]
    [InlineData(NdeResult.Fail, NdeResult.Pending)]
    [InlineData(NdeResult.Pass, null)]
    public void WLD032_033_reverting_gives_70_percent(NdeResult previous, NdeResult? next)
    {
        var effect = WeldRules.NdeEffect(previous, next, FieldWeldMilestones);
        Assert.Equal(FieldWeldMilestones.Length, effect.Count);
        Assert.Equal(70m, Percent(effect));
    }

    [Fact]
    public void WLD032_changing_a_final_result_needs_a_reason()
    {
        var passed = Welded with { NdeResult = NdeResult.Pass };
        Assert.Equal(RollbackReasons.ReasonRequiredMessage, WeldRules.CanUpdateNde(passed, NdeResult.Fail, Today, null, Today, null, null));
        Assert.Null(WeldRules.CanUpdateNde(passed, NdeResult.Pass, Today, "typo fixed", Today, null, null)); // notes only
        Assert.Null(WeldRules.CanUpdateNde(Welded with { NdeResult = NdeResult.Pending }, NdeResult.Pass, Today, null, Today, null, null));
        Assert.Equal(WeldRules.NoNdeMessage, WeldRules.CanUpdateNde(Welded, NdeResult.Pass, Today, null, Today, null, null));
    }

    [Fact]
    public void WLD034_repair_lock()
    {
        var repaired = Welded with { NdeResult = NdeResult.Fail, HasRepair = true };
        Assert.Equal("A repair weld exists for this weld; its NDE result can no longer be changed",
            WeldRules.CanUpdateNde(repaired, NdeResult.Pass, Today, null, Today, RollbackReasons.DataEntryError, null));
        Assert.Equal(WeldRules.RepairLockMessage, WeldRules.CanClearNde(repaired, RollbackReasons.DataEntryError, null));
        Assert.NotNull(WeldRules.CanClearAssignment(repaired, RollbackReasons.DataEntryError, null));
        Assert.Equal("Cannot retire a weld that has repair welds", WeldRules.CanRetire(repaired, "Superseded by ISO rev C"));
        Assert.Equal("Cannot delete a weld that has repair welds", WeldRules.CanDelete(repaired));
    }

    [Fact]
    public void WLD033_clear_nde_needs_a_result_and_a_reason()
    {
        var failed = Welded with { NdeResult = NdeResult.Fail };
        Assert.Equal(RollbackReasons.ReasonRequiredMessage, WeldRules.CanClearNde(failed, null, null));
        Assert.Null(WeldRules.CanClearNde(failed, RollbackReasons.QcRejection, null));
        Assert.Equal(WeldRules.NoNdeMessage, WeldRules.CanClearNde(Welded, RollbackReasons.QcRejection, null));
    }

    [Fact]
    public void WLD040_042_repairs()
    {
        Assert.Equal("Only a weld with a FAIL result can be repaired", RepairRules.CanRepair(NdeResult.Pass, null, 0));
        Assert.Equal("Only a weld with a FAIL result can be repaired", RepairRules.CanRepair(null, null, 0));
        Assert.Equal("A repair already exists for this weld: 7-A.1", RepairRules.CanRepair(NdeResult.Fail, "7-A.1", 0));
        Assert.Null(RepairRules.CanRepair(NdeResult.Fail, null, 9)); // the 10th repair
        Assert.Equal("Repair limit reached (10). Engineering review required.", RepairRules.CanRepair(NdeResult.Fail, null, 10));
    }

    [Fact]
    public void WLD041_repair_numbers_follow_the_chain_depth()
    {
        Assert.Equal("7-A.1", RepairRules.Number("7-A", 0));
        Assert.Equal("7-A.1.2", RepairRules.Number("7-A.1", 1));
        Assert.Equal("7-A.1.2.3", RepairRules.Number("7-A.1.2", 2));
    }

    [Fact]
    public void WLD043_repair_starts_at_10_percent() => Assert.Equal(10m, Percent(WeldRules.RepairStartEffect()));

    [Fact]
    public void WLD056_welded_welds_cannot_move()
    {
        Assert.Equal("A welded weld cannot move to another drawing", WeldRules.CanReassignDrawing(Welded));
        Assert.Null(WeldRules.CanReassignDrawing(Unwelded));
        Assert.Equal(WeldRules.RetiredMessage, WeldRules.CanReassignDrawing(Unwelded with { IsRetired = true }));
    }

    [Fact]
    public void WLD057_retire_guards()
    {
        Assert.Equal("Weld is already retired", WeldRules.CanRetire(Unwelded with { IsRetired = true }, "Duplicate of W-0012"));
        Assert.Equal("Retire reason must be at least 10 characters", WeldRules.CanRetire(Unwelded, "  too short "));
        Assert.Null(WeldRules.CanRetire(Welded, "Duplicate of W-0012"));
    }

    [Theory]
    [InlineData(null, WeldRules.XRayMessage)]
    [InlineData(-0.1, WeldRules.XRayMessage)]
    [InlineData(100.1, WeldRules.XRayMessage)]
    [InlineData(0.0, null)]
    [InlineData(100.0, null)]
    [InlineData(5.0, null)]
    public void WLD050_055_x_ray_percent(double? xRay, string? expected) =>
        Assert.Equal(expected, WeldRules.ValidateXRay(xRay is null ? null : (decimal)xRay));

    private static Dictionary<string, int> Merge(params IReadOnlyDictionary<string, int>[] effects)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var effect in effects)
        {
            foreach (var (k, v) in effect)
            {
                values[k] = v;
            }
        }
        return values;
    }

    private static decimal Percent(IReadOnlyDictionary<string, int> values)
    {
        var rows = DefaultTemplates.For(PipeTrak.Web.Features.Components.ComponentType.FieldWeld);
        return ProgressRules.PercentComplete(rows, values.ToDictionary(kv => kv.Key, kv => MilestoneValue.Create(kv.Value), StringComparer.Ordinal));
    }
}
