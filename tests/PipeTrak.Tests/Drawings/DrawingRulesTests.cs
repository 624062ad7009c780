using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Tests.Drawings;

/// <summary>TRK-050 status codes, TRK-061 reason, TRK-073 change detection, TRK-074 choices and limit.</summary>
public sealed class DrawingRulesTests
{
    [Theory]
    [InlineData(null, FieldChoiceKind.NoChange)]
    [InlineData("no_change", FieldChoiceKind.NoChange)]
    [InlineData("", FieldChoiceKind.None)]
    [InlineData("none", FieldChoiceKind.None)]
    [InlineData("NONE", FieldChoiceKind.None)]
    [InlineData("new", FieldChoiceKind.New)]
    public void TRK074_field_choices_parse(string? raw, FieldChoiceKind kind)
    {
        Assert.Equal(kind, FieldChoice.Parse(raw)!.Value.Kind);
    }

    [Fact]
    public void TRK074_a_value_choice_carries_its_id_and_garbage_is_invalid()
    {
        var id = Guid.NewGuid();
        Assert.Equal(FieldChoice.Of(id), FieldChoice.Parse(id.ToString()));
        Assert.Null(FieldChoice.Parse("area 51"));
    }

    [Fact]
    public void TRK073_a_field_changes_only_when_the_value_differs()
    {
        var a = Guid.NewGuid();
        Assert.False(FieldChoice.NoChange.Changes(a));
        Assert.False(FieldChoice.None.Changes(null));
        Assert.True(FieldChoice.None.Changes(a));
        Assert.False(FieldChoice.Of(a).Changes(a));
        Assert.True(FieldChoice.Of(a).Changes(null));
        Assert.True(FieldChoice.Of(a).Changes(Guid.NewGuid()));
    }

    [Theory]
    [InlineData(0, DrawingRules.BulkEmptyMessage)]
    [InlineData(1, null)]
    [InlineData(50, null)]
    [InlineData(51, "Select at most 50 drawings")]
    public void TRK074_selection_of_at_most_50_drawings(int count, string? message)
    {
        Assert.Equal(message, DrawingRules.ValidateSelection(count));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("  too short ", false)]
    [InlineData("Superseded", true)]
    [InlineData("Superseded by rev B", true)]
    public void TRK061_retire_reason_needs_10_characters(string? reason, bool ok)
    {
        Assert.Equal(ok ? null : "Retire reason must be at least 10 characters", DrawingRules.ValidateRetireReason(reason));
    }

    [Theory]
    [InlineData("not_started", ProgressStatus.NotStarted)]
    [InlineData("in_progress", ProgressStatus.InProgress)]
    [InlineData("complete", ProgressStatus.Complete)]
    public void TRK050_status_filter_codes_round_trip(string code, ProgressStatus status)
    {
        Assert.Equal(status, DrawingRules.ParseStatus(code));
        Assert.Equal(code, status.Code());
    }

    [Fact]
    public void TRK078_conflict_message_is_the_spec_text()
    {
        Assert.Equal("This drawing was changed by someone else. Review the current values and try again.", DrawingRules.ConflictMessage);
    }

    [Theory]
    [InlineData(null, "Name is required")]
    [InlineData("   ", "Name is required")]
    [InlineData("Area 1", null)]
    public void TRK070_names_are_trimmed_and_required(string? name, string? message)
    {
        Assert.Equal(message, MetadataNames.Validate(name));
        Assert.Equal("Name must be 100 characters or fewer", MetadataNames.Validate(new string('a', 101)));
        Assert.Equal("Test package 'TP-1' already exists", MetadataNames.DuplicateMessage(DrawingField.Package, "TP-1"));
    }
}
