using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-010 the 12 types; IMP-021 type names in takeoffs; RPT-051 labels.</summary>
public sealed class ComponentTypeTests
{
    [Fact]
    public void TRK010_there_are_exactly_12_types()
    {
        Assert.Equal(12, ComponentTypes.All.Count);
        Assert.Equal(12, Enum.GetValues<ComponentType>().Length);
        Assert.Equal(12, ComponentTypes.All.Distinct().Count());
    }

    [Theory]
    [InlineData(ComponentType.Spool, "spool", "Spool", "Spool")]
    [InlineData(ComponentType.FieldWeld, "field_weld", "Field Weld", "Field_Weld")]
    [InlineData(ComponentType.Pipe, "pipe", "Pipe", "Pipe")]
    [InlineData(ComponentType.ThreadedPipe, "threaded_pipe", "Threaded Pipe", "Threaded_Pipe")]
    [InlineData(ComponentType.Instrument, "instrument", "Instrument", "Instrument")]
    [InlineData(ComponentType.Valve, "valve", "Valve", "Valve")]
    [InlineData(ComponentType.Fitting, "fitting", "Fitting", "Fitting")]
    [InlineData(ComponentType.Flange, "flange", "Flange", "Flange")]
    [InlineData(ComponentType.Support, "support", "Support", "Support")]
    [InlineData(ComponentType.Tubing, "tubing", "Tubing", "Tubing")]
    [InlineData(ComponentType.Hose, "hose", "Hose", "Hose")]
    [InlineData(ComponentType.MiscComponent, "misc_component", "Misc Component", "Misc_Component")]
    public void TRK010_codes_labels_and_import_names_are_stable(ComponentType type, string code, string label, string importName)
    {
        Assert.Equal(code, type.Code());
        Assert.Equal(label, type.Label());
        Assert.Equal(importName, type.ImportName());
        Assert.True(ComponentTypes.TryParseCode(code, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void TRK010_enum_numbers_are_pinned_because_they_may_be_stored()
    {
        Assert.Equal(1, (int)ComponentType.Spool);
        Assert.Equal(2, (int)ComponentType.FieldWeld);
        Assert.Equal(3, (int)ComponentType.Pipe);
        Assert.Equal(4, (int)ComponentType.ThreadedPipe);
        Assert.Equal(5, (int)ComponentType.Instrument);
        Assert.Equal(6, (int)ComponentType.Valve);
        Assert.Equal(7, (int)ComponentType.Fitting);
        Assert.Equal(8, (int)ComponentType.Flange);
        Assert.Equal(9, (int)ComponentType.Support);
        Assert.Equal(10, (int)ComponentType.Tubing);
        Assert.Equal(11, (int)ComponentType.Hose);
        Assert.Equal(12, (int)ComponentType.MiscComponent);
    }

    [Theory]
    [InlineData(ComponentType.Spool, IdentityKind.Spool)]
    [InlineData(ComponentType.FieldWeld, IdentityKind.FieldWeld)]
    [InlineData(ComponentType.Pipe, IdentityKind.Aggregate)]
    [InlineData(ComponentType.ThreadedPipe, IdentityKind.Aggregate)]
    [InlineData(ComponentType.Instrument, IdentityKind.Instrument)]
    [InlineData(ComponentType.Valve, IdentityKind.Counted)]
    [InlineData(ComponentType.Fitting, IdentityKind.Counted)]
    [InlineData(ComponentType.Flange, IdentityKind.Counted)]
    [InlineData(ComponentType.Support, IdentityKind.Counted)]
    [InlineData(ComponentType.Tubing, IdentityKind.Counted)]
    [InlineData(ComponentType.Hose, IdentityKind.Counted)]
    [InlineData(ComponentType.MiscComponent, IdentityKind.Counted)]
    public void TRK010_identity_kind_per_type(ComponentType type, IdentityKind kind) =>
        Assert.Equal(kind, type.IdentityKind());

    [Theory]
    [InlineData("Spool", ComponentType.Spool)]
    [InlineData("  valve ", ComponentType.Valve)]
    [InlineData("FIELD_WELD", ComponentType.FieldWeld)]
    [InlineData("Field Weld", ComponentType.FieldWeld)]
    [InlineData("field-weld", ComponentType.FieldWeld)]
    [InlineData("threaded pipe", ComponentType.ThreadedPipe)]
    [InlineData("Threaded_Pipe", ComponentType.ThreadedPipe)]
    [InlineData("Misc-Component", ComponentType.MiscComponent)]
    [InlineData("instrument", ComponentType.Instrument)]
    public void IMP021_type_names_are_read_ignoring_case_with_spaces_and_hyphens_as_underscores(string value, ComponentType expected)
    {
        Assert.True(ComponentTypes.TryParseImport(value, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("Bolt")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Gasket")]
    [InlineData("pipes")]
    [InlineData("field__weld")]
    [InlineData("a-very-long-type-name-that-is-not-one")]
    public void IMP021_other_types_are_not_tracked(string? value) =>
        Assert.False(ComponentTypes.TryParseImport(value, out _));

    [Fact]
    public void TRK010_codes_are_case_sensitive() =>
        Assert.False(ComponentTypes.TryParseCode("Spool", out _));
}
