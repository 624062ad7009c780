using PipeTrak.Web.Features.Packages;
using static PipeTrak.Web.Features.Packages.StageStatus;

namespace PipeTrak.Tests.Packages;

/// <summary>PKG-041/042 certificate, PKG-050..059 workflow.</summary>
public sealed class WorkflowTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void PKG050_hydrostatic_and_other()
    {
        StageKind[] expected = [StageKind.PreHydro, StageKind.Test, StageKind.DrainFlush, StageKind.PostHydro, StageKind.Final];
        Assert.Equal(expected, Workflow.Stages(TestType.Hydrostatic, false, false));
        Assert.Equal(expected, Workflow.Stages(TestType.Other, false, false));
    }

    [Fact]
    public void PKG050_spec_example_pneumatic_with_insulation() =>
        Assert.Equal([StageKind.PreHydro, StageKind.Test, StageKind.PostHydro, StageKind.Insulation, StageKind.Final],
            Workflow.Stages(TestType.Pneumatic, coating: false, insulation: true));

    [Fact]
    public void PKG050_leak_tests_in_service_and_flags()
    {
        Assert.Equal([StageKind.PreHydro, StageKind.Test, StageKind.ProtectiveCoatings, StageKind.Insulation, StageKind.Final],
            Workflow.Stages(TestType.SensitiveLeak, true, true));
        Assert.Equal([StageKind.PreHydro, StageKind.Test, StageKind.Final], Workflow.Stages(TestType.AlternativeLeak, false, false));
        Assert.Equal([StageKind.Final], Workflow.Stages(TestType.InService, false, false));
        Assert.Equal([StageKind.ProtectiveCoatings, StageKind.Final], Workflow.Stages(TestType.InService, true, false));
        Assert.Empty(Workflow.Stages(null, true, true));
    }

    [Fact]
    public void PKG050_names() => Assert.Equal("Drain/Flush Acceptance", StageKind.DrainFlush.Name());

    [Fact]
    public void PKG051_later_changes()
    {
        Assert.Null(Workflow.CanChangeTestType([NotStarted, NotStarted]));
        Assert.Equal("The workflow has started; the test type can no longer change", Workflow.CanChangeTestType([InProgress, NotStarted]));
        Assert.Null(Workflow.CanSetFlag(NotStarted));
        Assert.Equal("That stage has already started", Workflow.CanSetFlag(InProgress));
        Assert.Equal("That stage has already started", Workflow.CanClearFlag(Completed));
    }

    [Fact]
    public void PKG053_sequence_is_enforced()
    {
        StageStatus[] stages = [Completed, NotStarted, NotStarted];
        Assert.Null(Workflow.CanApply(stages, 1, StageAction.Start));
        Assert.Equal("Complete previous stages first", Workflow.CanApply(stages, 2, StageAction.Start));
        Assert.Equal("Cannot complete stage: previous stage not completed or skipped", Workflow.CanApply(stages, 2, StageAction.Complete));
        Assert.Equal("Cannot complete stage: previous stage not completed or skipped", Workflow.CanApply(stages, 2, StageAction.Skip));
        Assert.Null(Workflow.CanApply([Skipped, Completed, NotStarted], 2, StageAction.Complete)); // skipped counts as done
        Assert.Null(Workflow.CanApply(stages, 1, StageAction.Complete)); // not_started → completed directly
    }

    [Fact]
    public void PKG052_transitions()
    {
        Assert.Equal(Workflow.InvalidTransitionMessage, Workflow.CanApply([Completed], 0, StageAction.Complete));
        Assert.Equal(Workflow.InvalidTransitionMessage, Workflow.CanApply([Skipped], 0, StageAction.Reopen)); // skipped is terminal
        Assert.Equal(Workflow.InvalidTransitionMessage, Workflow.CanApply([InProgress], 0, StageAction.Start));
        Assert.Null(Workflow.CanApply([Completed, NotStarted], 0, StageAction.Reopen));
        Assert.Equal("A stage can be reopened only while all later stages are not started", Workflow.CanApply([Completed, InProgress], 0, StageAction.Reopen));
        Assert.Equal(InProgress, Workflow.After(StageAction.Reopen));
        Assert.Equal(Skipped, Workflow.After(StageAction.Skip));
        Assert.Throws<ArgumentOutOfRangeException>(() => Workflow.CanApply([NotStarted], 1, StageAction.Start));
    }

    [Fact]
    public void PKG054_required_sign_offs_list_only_what_is_missing()
    {
        Assert.Equal("QC Representative sign-off is required", Workflow.MissingSignOffs(StageKind.PreHydro, []));
        Assert.Null(Workflow.MissingSignOffs(StageKind.Insulation, [SignOffRole.Qc]));
        Assert.Equal("QC Representative and Client Representative sign-offs are required", Workflow.MissingSignOffs(StageKind.Test, []));
        Assert.Equal("Client Representative sign-off is required", Workflow.MissingSignOffs(StageKind.Test, [SignOffRole.Qc]));
        Assert.Equal("QC Representative, Client Representative and Manufacturer Representative sign-offs are required",
            Workflow.MissingSignOffs(StageKind.Final, []));
        Assert.Equal("QC Representative and Manufacturer Representative sign-offs are required",
            Workflow.MissingSignOffs(StageKind.Final, [SignOffRole.Client]));
    }

    [Fact]
    public void PKG055_sign_off_fields()
    {
        Assert.Equal(Workflow.SignOffNameMessage, Workflow.ValidateSignOff(" ", Today, Today));
        Assert.Equal(Workflow.SignOffNameMessage, Workflow.ValidateSignOff(new string('n', 101), Today, Today));
        Assert.Equal(Workflow.SignOffDateMessage, Workflow.ValidateSignOff("Ann Lee", Today.AddDays(1), Today));
        Assert.Equal(Workflow.SignOffDateMessage, Workflow.ValidateSignOff("Ann Lee", null, Today));
        Assert.Null(Workflow.ValidateSignOff("Ann Lee", Today, Today));
    }

    [Fact]
    public void PKG057_skip_needs_a_reason_and_final_cannot_be_skipped()
    {
        Assert.Equal("A reason is required to skip a workflow stage.", Workflow.ValidateSkip(StageKind.DrainFlush, "   "));
        Assert.Equal("A reason is required to skip a workflow stage.", Workflow.ValidateSkip(StageKind.DrainFlush, new string('r', 501)));
        Assert.Null(Workflow.ValidateSkip(StageKind.DrainFlush, "Line is gas service, no flush"));
        Assert.Equal("Final Package Acceptance cannot be skipped", Workflow.ValidateSkip(StageKind.Final, "any reason"));
    }

    [Fact]
    public void PKG058_completed_stage_keeps_required_sign_offs()
    {
        Assert.Equal("A completed stage must keep its required sign-offs", Workflow.CanEditSignOffs(StageKind.Test, Completed, [SignOffRole.Qc]));
        Assert.Null(Workflow.CanEditSignOffs(StageKind.Test, Completed, [SignOffRole.Qc, SignOffRole.Client]));
        Assert.Null(Workflow.CanEditSignOffs(StageKind.Test, InProgress, []));
    }

    [Fact]
    public void PKG059_derived_state()
    {
        StageStatus[] stages = [Completed, Skipped, InProgress, NotStarted, NotStarted, NotStarted];
        Assert.Equal(33, Workflow.Percent(stages));
        Assert.Equal(2, Workflow.CurrentStage(stages));
        Assert.Equal("DRAFT", Workflow.StateLabel(stages));
        StageStatus[] done = [Completed, Skipped, Completed];
        Assert.Equal(100, Workflow.Percent(done));
        Assert.Null(Workflow.CurrentStage(done));
        Assert.Equal("FINAL", Workflow.StateLabel(done));
        Assert.Equal(0, Workflow.Percent([]));
        Assert.False(Workflow.IsFinal([]));
        Assert.Equal(67, Workflow.Percent([Completed, Completed, NotStarted])); // 66.7 → 67
    }

    [Fact]
    public void PKG041_certificate_numbers()
    {
        Assert.Equal("PKG-001", CertificateRules.NextNumber([]));
        Assert.Equal("PKG-013", CertificateRules.NextNumber(["PKG-012", "PKG-003"]));
        Assert.Equal("PKG-1000", CertificateRules.NextNumber(["PKG-999"]));
        Assert.Equal("PKG-002", CertificateRules.NextNumber(["PKG-001", "junk"]));
    }

    [Fact]
    public void PKG042_draft_accepts_any_valid_subset()
    {
        Assert.Empty(CertificateRules.Validate(null, null, null, null, submit: false));
        Assert.Equal("Test pressure must be greater than 0", CertificateRules.Validate(0, null, null, null, false)["TestPressure"]);
    }

    [Fact]
    public void PKG042_submit_requires_pressure_media_and_temperature()
    {
        var errors = CertificateRules.Validate(null, " ", null, "F", submit: true);
        Assert.Equal("Test pressure is required", errors["TestPressure"]);
        Assert.Equal("Test media is required", errors["TestMedia"]);
        Assert.Equal("Temperature is required", errors["Temperature"]);
        Assert.Empty(CertificateRules.Validate(150, "Water", 60, "F", true));
    }

    [Theory]
    [InlineData(-273.0, "C", "Temperature must be above −273")]
    [InlineData(-272.9, "C", null)]
    [InlineData(-300.0, "F", "Temperature must be above −273")]
    [InlineData(0.0, "K", "Temperature must be above 0 K")]
    [InlineData(0.5, "k", null)]
    public void PKG040_temperature_bounds(double temperature, string unit, string? expected)
    {
        var errors = CertificateRules.Validate(100, "Water", (decimal)temperature, unit, true);
        Assert.Equal(expected, errors.GetValueOrDefault("Temperature"));
    }
}
