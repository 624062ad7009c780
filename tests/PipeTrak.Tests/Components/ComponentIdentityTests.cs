using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-010 identity keys and display; TRK-085 aggregate keys; TRK-013 "{seq} of {n}".</summary>
public sealed class ComponentIdentityTests
{
    [Fact]
    public void TRK010_spec_example_valve_qty_2_gives_two_components()
    {
        var keys = ComponentIdentity.KeysForRow(ComponentType.Valve, "ISO-22", "GV-150", "3/4\"", 2).ToList();
        Assert.Equal([("ISO-22|GV-150|3X4|1", 1), ("ISO-22|GV-150|3X4|2", 2)], keys);
    }

    [Fact]
    public void TRK010_spec_example_valve_display()
    {
        Assert.Equal("GV-150 3/4\" 1 of 2", ComponentIdentity.Display(ComponentType.Valve, "ISO-22|GV-150|3X4|1", "GV-150", "3X4", "3/4\"", 1, 2));
        Assert.Equal("GV-150 3/4\" 2 of 2", ComponentIdentity.Display(ComponentType.Valve, "ISO-22|GV-150|3X4|2", "GV-150", "3X4", "3/4\"", 2, 2));
    }

    [Fact]
    public void TRK013_the_suffix_is_dropped_when_n_is_1() =>
        Assert.Equal("GV-150 3/4\"", ComponentIdentity.Display(ComponentType.Valve, "k", "GV-150", "3X4", "3/4\"", 1, 1));

    [Fact]
    public void TRK013_NOSIZE_is_omitted_from_display() =>
        Assert.Equal("BOLT-KIT 1 of 3", ComponentIdentity.Display(ComponentType.MiscComponent, "k", "bolt-kit", "NOSIZE", null, 1, 3));

    [Fact]
    public void TRK085_spec_example_aggregate_key() =>
        Assert.Equal("ISO-7-2-CS-PIPE-AGG", ComponentIdentity.ForAggregate("ISO-7", "2\"", "CS-PIPE"));

    [Fact]
    public void TRK010_aggregate_display_shows_linear_feet()
    {
        Assert.Equal("CS-PIPE 2\" (42.5 LF)", ComponentIdentity.Display(ComponentType.Pipe, "ISO-7-2-CS-PIPE-AGG", "CS-PIPE", "2", "2\"", linearFeet: 42.5m));
        Assert.Equal("CS-PIPE 2\" (40 LF)", ComponentIdentity.Display(ComponentType.ThreadedPipe, "x", "CS-PIPE", "2", null, linearFeet: 40.00m));
    }

    [Fact]
    public void TRK010_one_aggregate_per_row_whatever_the_qty() =>
        Assert.Single(ComponentIdentity.KeysForRow(ComponentType.Pipe, "ISO-7", "CS-PIPE", "2", 30));

    [Fact]
    public void TRK010_instrument_is_one_component_with_seq_1_whatever_the_qty()
    {
        var keys = ComponentIdentity.KeysForRow(ComponentType.Instrument, "iso-1", "pt-100", "1/2", 5).ToList();
        Assert.Equal([("ISO-1|PT-100|1X2|1", 1)], keys);
        Assert.Equal("PT-100 1/2\"", ComponentIdentity.Display(ComponentType.Instrument, keys[0].Key, "PT-100", "1X2"));
    }

    [Fact]
    public void TRK010_spool_is_its_spool_id_and_ignores_qty()
    {
        var keys = ComponentIdentity.KeysForRow(ComponentType.Spool, "ISO-1", " sp-001 ", "6", 4).ToList();
        Assert.Equal([("SP-001", 1)], keys);
        Assert.Equal("SP-001", ComponentIdentity.Display(ComponentType.Spool, "SP-001", "SP-001", "6"));
    }

    [Fact]
    public void TRK010_spool_ids_are_unique_per_project_not_per_drawing() =>
        Assert.Equal(ComponentIdentity.KeysForRow(ComponentType.Spool, "ISO-1", "SP-1", null, 1).Single().Key,
            ComponentIdentity.KeysForRow(ComponentType.Spool, "ISO-2", "SP-1", null, 1).Single().Key);

    [Fact]
    public void TRK010_field_weld_is_its_weld_number()
    {
        Assert.Equal([("W-12", 1)], ComponentIdentity.KeysForRow(ComponentType.FieldWeld, "ISO-1", "w-12", "2", 1).ToList());
        Assert.Equal("W-12", ComponentIdentity.Display(ComponentType.FieldWeld, "W-12", "W-12", "2"));
    }

    [Fact]
    public void TRK010_commodity_codes_are_trimmed_and_upper_cased() =>
        Assert.Equal(ComponentIdentity.ForCounted("ISO-22", "GV-150", "3/4", 1), ComponentIdentity.ForCounted(" iso-22 ", "  gv-150 ", "3/4\"", 1));

    [Fact]
    public void TRK010_another_drawing_or_size_is_another_component()
    {
        var key = ComponentIdentity.ForCounted("ISO-22", "GV-150", "3/4", 1);
        Assert.NotEqual(key, ComponentIdentity.ForCounted("ISO-23", "GV-150", "3/4", 1));
        Assert.NotEqual(key, ComponentIdentity.ForCounted("ISO-22", "GV-150", "1", 1));
    }

    [Fact]
    public void TRK012_equivalent_sizes_give_the_same_identity() =>
        Assert.Equal(ComponentIdentity.ForCounted("ISO-1", "EL90", "1 1/2\"", 1), ComponentIdentity.ForCounted("ISO-1", "EL90", "1-1/2", 1));

    [Fact]
    public void TRK010_seq_starts_at_1() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ComponentIdentity.ForCounted("A", "B", "1", 0));
}
