using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Milestones;

/// <summary>TRK-041 checks in order, TRK-042 reasons, TRK-043 actions, TRK-044 delta MH, TRK-046, TRK-048, FLD-030/031.</summary>
public sealed class MilestoneUpdateRulesTests
{
    private static MilestoneUpdateRequest Spool(string milestone, decimal value, int? current = null) =>
        new(ComponentType.Spool, DefaultTemplates.For(ComponentType.Spool), false, milestone, value,
            current is { } c ? MilestoneValue.Create(c) : null, BudgetedManhours: 8m);

    private static MilestoneUpdateRequest Weld(string milestone, decimal value, int? current = null, bool welder = false, bool nde = false) =>
        new(ComponentType.FieldWeld, DefaultTemplates.For(ComponentType.FieldWeld), false, milestone, value,
            current is { } c ? MilestoneValue.Create(c) : null, HasWelder: welder, HasNdeResult: nde);

    private static MilestoneUpdateRequest Pipe(string milestone, decimal value, int? current = null) =>
        new(ComponentType.Pipe, DefaultTemplates.For(ComponentType.Pipe), false, milestone, value,
            current is { } c ? MilestoneValue.Create(c) : null, BudgetedManhours: 10m);

    private static void AssertRefused(MilestoneUpdateDecision decision, MilestoneUpdateError error, string message)
    {
        Assert.Equal(MilestoneUpdateOutcome.Refused, decision.Outcome);
        Assert.Equal(error, decision.Error);
        Assert.Equal(message, decision.Message);
    }

    [Fact]
    public void TRK041_3_retired_components_cannot_be_updated() =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool("Erect", 100) with { IsRetired = true }),
            MilestoneUpdateError.Retired, "Retired components cannot be updated");

    [Fact]
    public void TRK041_retired_is_checked_before_the_milestone() =>
        Assert.Equal(MilestoneUpdateError.Retired, MilestoneUpdateRules.Decide(Spool("Nope", 500) with { IsRetired = true }).Error);

    [Theory]
    [InlineData("Install")]
    [InlineData("erect")]
    [InlineData("Weld Complete")]
    public void TRK041_4_unknown_milestones_are_refused(string milestone) =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool(milestone, 100)),
            MilestoneUpdateError.UnknownMilestone, $"Milestone '{milestone}' is not part of the Spool rules of credit");

    [Fact]
    public void TRK041_4_message_uses_the_type_label() =>
        Assert.Equal("Milestone 'Erect' is not part of the Field Weld rules of credit", MilestoneUpdateRules.Decide(Weld("Erect", 100)).Message);

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(50.5)]
    public void TRK041_5_out_of_range_values_are_refused(decimal value) =>
        AssertRefused(MilestoneUpdateRules.Decide(Pipe("Erect", value)), MilestoneUpdateError.OutOfRange, "Value must be between 0 and 100");

    [Fact]
    public void TRK041_range_is_checked_before_discrete() =>
        Assert.Equal(MilestoneUpdateError.OutOfRange, MilestoneUpdateRules.Decide(Spool("Erect", 150)).Error);

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(99)]
    public void TRK041_6_discrete_takes_only_0_or_100(int value) =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool("Erect", value)), MilestoneUpdateError.DiscreteOnly, "'Erect' can only be 0 or 100");

    [Fact]
    public void TRK041_partial_takes_any_whole_value()
    {
        var decision = MilestoneUpdateRules.Decide(Pipe("Erect", 37));
        Assert.True(decision.IsApplied);
        Assert.Equal(37, decision.NewValue.Value);
    }

    [Fact]
    public void TRK048_weld_complete_needs_a_welder() =>
        AssertRefused(MilestoneUpdateRules.Decide(Weld("Weld Complete", 100)), MilestoneUpdateError.WelderRequired, "Assign a welder before marking Weld Complete");

    [Fact]
    public void TRK048_weld_complete_with_a_welder_applies() =>
        Assert.True(MilestoneUpdateRules.Decide(Weld("Weld Complete", 100, welder: true)).IsApplied);

    [Fact]
    public void TRK048_lowering_weld_complete_is_refused_while_an_nde_result_exists() =>
        AssertRefused(MilestoneUpdateRules.Decide(Weld("Weld Complete", 0, 100, welder: true, nde: true) with { RollbackReason = "qc_rejection" }),
            MilestoneUpdateError.ClearNdeFirst, "Clear the NDE result first");

    [Fact]
    public void TRK048_welder_check_comes_before_the_reason_check() =>
        Assert.Equal(MilestoneUpdateError.ClearNdeFirst, MilestoneUpdateRules.Decide(Weld("Weld Complete", 0, 100, welder: true, nde: true)).Error);

    [Fact]
    public void TRK048_lowering_weld_complete_is_the_clear_assignment_command()
    {
        var decision = MilestoneUpdateRules.Decide(Weld("Weld Complete", 0, 100, welder: true) with { RollbackReason = "incorrect_welder" });
        Assert.True(decision.IsApplied);
        Assert.True(decision.ClearsWelderAssignment);
        Assert.Equal(MilestoneEventAction.Rollback, decision.Action);
    }

    [Fact]
    public void TRK048_other_milestones_do_not_need_a_welder() =>
        Assert.True(MilestoneUpdateRules.Decide(Weld("Fit-up", 100)).IsApplied);

    [Fact]
    public void TRK042_a_decrease_needs_a_reason() =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool("Connect", 0, 100)), MilestoneUpdateError.ReasonRequired, "A reason is required to lower a milestone");

    [Fact]
    public void TRK042_an_unknown_reason_is_no_reason() =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool("Connect", 0, 100) with { RollbackReason = "because" }),
            MilestoneUpdateError.ReasonRequired, "A reason is required to lower a milestone");

    [Theory]
    [InlineData(null)]
    [InlineData("too short")]
    [InlineData("   123456789   ")]
    public void TRK042_other_needs_10_to_500_characters(string? details) =>
        AssertRefused(MilestoneUpdateRules.Decide(Spool("Connect", 0, 100) with { RollbackReason = "other", RollbackDetails = details }),
            MilestoneUpdateError.DetailsRequired, "Describe the reason (10-500 characters)");

    [Fact]
    public void TRK042_other_over_500_characters_is_refused() =>
        Assert.Equal("Describe the reason (10-500 characters)", RollbackReasons.Validate("other", new string('x', 501)));

    [Theory]
    [InlineData(10)]
    [InlineData(500)]
    public void TRK042_other_with_10_to_500_characters_is_accepted(int length)
    {
        var decision = MilestoneUpdateRules.Decide(Spool("Connect", 0, 100) with { RollbackReason = "other", RollbackDetails = new string('x', length) });
        Assert.True(decision.IsApplied);
        Assert.Equal("other", decision.RollbackReason);
        Assert.Equal(length, decision.RollbackDetails!.Length);
    }

    [Theory]
    [InlineData("data_entry_error")]
    [InlineData("qc_rejection")]
    [InlineData("failed_inspection")]
    [InlineData("material_defect")]
    [InlineData("engineering_change")]
    [InlineData("customer_request")]
    [InlineData("damage_after_completion")]
    [InlineData("incorrect_welder")]
    public void TRK042_listed_reasons_need_no_details(string reason)
    {
        var decision = MilestoneUpdateRules.Decide(Spool("Connect", 0, 100) with { RollbackReason = reason });
        Assert.True(decision.IsApplied);
        Assert.Equal(reason, decision.RollbackReason);
        Assert.Null(decision.RollbackDetails);
    }

    [Fact]
    public void TRK042_there_are_9_reasons() => Assert.Equal(9, RollbackReasons.All.Count);

    [Fact]
    public void TRK042_an_increase_needs_no_reason_and_stores_none()
    {
        var decision = MilestoneUpdateRules.Decide(Pipe("Erect", 60, 40) with { RollbackReason = "other" });
        Assert.True(decision.IsApplied);
        Assert.Null(decision.RollbackReason);
    }

    [Fact]
    public void TRK043_never_set_before_is_complete() =>
        Assert.Equal(MilestoneEventAction.Complete, MilestoneUpdateRules.Decide(Pipe("Erect", 40)).Action);

    [Fact]
    public void TRK043_going_up_from_a_set_value_is_update() =>
        Assert.Equal(MilestoneEventAction.Update, MilestoneUpdateRules.Decide(Pipe("Erect", 60, 40)).Action);

    [Fact]
    public void TRK043_going_up_from_a_set_zero_is_update() =>
        Assert.Equal(MilestoneEventAction.Update, MilestoneUpdateRules.Decide(Spool("Erect", 100, 0)).Action);

    [Fact]
    public void TRK043_going_down_is_rollback() =>
        Assert.Equal(MilestoneEventAction.Rollback, MilestoneUpdateRules.Decide(Pipe("Erect", 20, 40) with { RollbackReason = "qc_rejection" }).Action);

    [Theory]
    [InlineData(MilestoneEventAction.Complete, "complete")]
    [InlineData(MilestoneEventAction.Update, "update")]
    [InlineData(MilestoneEventAction.Rollback, "rollback")]
    public void TRK043_action_codes(MilestoneEventAction action, string code) => Assert.Equal(code, action.Code());

    [Fact]
    public void TRK044_spec_example_8_MH_spool_connect_up_and_back()
    {
        var up = MilestoneUpdateRules.Decide(Spool("Connect", 100));
        Assert.Equal(3.2000m, up.DeltaManhours);
        Assert.Equal(MilestoneCategory.Install, up.Row!.Category);
        Assert.Equal(40, up.Row.Weight);

        var down = MilestoneUpdateRules.Decide(Spool("Connect", 0, 100) with { RollbackReason = "data_entry_error" });
        Assert.Equal(-3.2000m, down.DeltaManhours);
    }

    [Fact]
    public void TRK044_delta_is_rounded_to_4_dp_half_away_from_zero()
    {
        // 1.23456 × 33 / 100 × 1 / 100 = 0.0040740... ; 0.00005 → 0.0001
        Assert.Equal(0.0041m, MilestoneUpdateRules.DeltaManhours(1.23456m, 33, null, MilestoneValue.Create(1)));
        Assert.Equal(0.0001m, MilestoneUpdateRules.DeltaManhours(0.05m, 10, null, MilestoneValue.Create(1)));
        Assert.Equal(-0.0001m, MilestoneUpdateRules.DeltaManhours(0.05m, 10, MilestoneValue.Create(1), MilestoneValue.Zero));
    }

    [Fact]
    public void TRK044_never_set_counts_as_0() =>
        Assert.Equal(MilestoneUpdateRules.DeltaManhours(10m, 30, MilestoneValue.Zero, MilestoneValue.Create(50)),
            MilestoneUpdateRules.DeltaManhours(10m, 30, null, MilestoneValue.Create(50)));

    [Fact]
    public void TRK044_without_a_budget_delta_is_0() =>
        Assert.Equal(0m, MilestoneUpdateRules.Decide(Pipe("Erect", 50) with { BudgetedManhours = 0 }).DeltaManhours);

    [Fact]
    public void TRK046_setting_the_current_value_is_a_no_op()
    {
        var decision = MilestoneUpdateRules.Decide(Pipe("Erect", 40, 40));
        Assert.Equal(MilestoneUpdateOutcome.NoOp, decision.Outcome);
        Assert.Null(decision.Action);
    }

    [Fact]
    public void TRK046_setting_0_on_a_never_set_milestone_is_a_no_op() =>
        Assert.Equal(MilestoneUpdateOutcome.NoOp, MilestoneUpdateRules.Decide(Spool("Erect", 0)).Outcome);

    [Fact]
    public void FLD030_equal_value_is_a_no_op_even_with_a_stale_base() =>
        Assert.Equal(MilestoneUpdateOutcome.NoOp, MilestoneUpdateRules.Decide(Pipe("Erect", 40, 40) with { BaseValue = 10 }).Outcome);

    [Fact]
    public void FLD030_a_base_value_that_differs_from_the_stored_one_conflicts()
    {
        var decision = MilestoneUpdateRules.Decide(Pipe("Erect", 60, 40) with { BaseValue = 20 });
        Assert.Equal(MilestoneUpdateError.Conflict, decision.Error);
        Assert.Equal(40, decision.Previous!.Value.Value);
        Assert.Equal(60, decision.NewValue.Value);
    }

    [Fact]
    public void FLD030_a_matching_base_value_applies() =>
        Assert.True(MilestoneUpdateRules.Decide(Pipe("Erect", 60, 40) with { BaseValue = 40 }).IsApplied);

    [Fact]
    public void FLD030_base_0_matches_a_never_set_milestone() =>
        Assert.True(MilestoneUpdateRules.Decide(Pipe("Erect", 60) with { BaseValue = 0 }).IsApplied);

    [Fact]
    public void TRK041_reason_is_checked_before_the_base_value() =>
        Assert.Equal(MilestoneUpdateError.ReasonRequired, MilestoneUpdateRules.Decide(Pipe("Erect", 10, 40) with { BaseValue = 20 }).Error);

    [Fact]
    public void TRK046_duplicates_within_5_seconds_are_suppressed()
    {
        var t = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.True(MilestoneUpdateRules.IsRecentDuplicate(t, t.AddSeconds(5)));
        Assert.False(MilestoneUpdateRules.IsRecentDuplicate(t, t.AddSeconds(5.001)));
    }

    [Fact]
    public void FLD031_device_time_window()
    {
        var server = new DateTimeOffset(2026, 1, 8, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(server.AddDays(-7), MilestoneUpdateRules.OccurredAt(server.AddDays(-7), server));
        Assert.Equal(server.AddMinutes(5), MilestoneUpdateRules.OccurredAt(server.AddMinutes(5), server));
        Assert.Equal(server, MilestoneUpdateRules.OccurredAt(server.AddDays(-7).AddSeconds(-1), server));
        Assert.Equal(server, MilestoneUpdateRules.OccurredAt(server.AddMinutes(5).AddSeconds(1), server));
        Assert.Equal(server, MilestoneUpdateRules.OccurredAt(null, server));
    }

    [Fact]
    public void TRK045_message_is_exact() =>
        Assert.Equal("Idempotency key reused with different content", MilestoneUpdateRules.IdempotencyMismatchMessage);
}
