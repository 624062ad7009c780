using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;

namespace PipeTrak.Tests.Drawings;

/// <summary>TRK-014 drawing numbers listed in natural order; the stored key sorts the same way ordinally.</summary>
public sealed class NaturalSortTests
{
    private static List<string> SortedByKey(IEnumerable<string> numbers) =>
        [.. numbers.OrderBy(n => NaturalSort.Key(DrawingNumber.Normalize(n)), StringComparer.Ordinal).ThenBy(n => n, StringComparer.Ordinal)];

    [Fact]
    public void Digit_runs_compare_as_numbers()
    {
        Assert.Equal(["P-2", "P-10", "P-100"], SortedByKey(["P-100", "P-10", "P-2"]));
    }

    [Fact]
    public void Several_number_runs_each_compare_numerically()
    {
        Assert.Equal(["LINE-9-X-2", "LINE-9-X-10", "LINE-10-X-1"], SortedByKey(["LINE-10-X-1", "LINE-9-X-10", "LINE-9-X-2"]));
    }

    [Fact]
    public void TRK014_sheet_marks_are_kept_and_ordered()
    {
        Assert.Equal(["P-100 01OF02", "P-100 02OF02", "P-100 10OF12"], SortedByKey(["P-100 10OF12", "P-100 02OF02", "P-100 01OF02"]));
    }

    [Fact]
    public void Letters_order_alphabetically_and_a_prefix_comes_first()
    {
        Assert.Equal(["A", "A-1", "A-1A", "A-1B", "A-2", "B"], SortedByKey(["B", "A-1B", "A-2", "A", "A-1A", "A-1"]));
    }

    [Fact]
    public void Numbers_sort_before_letters_like_digits_in_ascii()
    {
        Assert.Equal(["100", "ABC"], SortedByKey(["ABC", "100"]));
        Assert.True(string.CompareOrdinal(NaturalSort.Key("P-1"), NaturalSort.Key("P-A")) < 0);
    }

    [Fact]
    public void Leading_zeros_do_not_change_the_numeric_order()
    {
        Assert.Equal(NaturalSort.Key("P-7"), NaturalSort.Key("P-007"));
        Assert.True(string.CompareOrdinal(NaturalSort.Key("P-007"), NaturalSort.Key("P-10")) < 0);
        Assert.True(string.CompareOrdinal(NaturalSort.Key("P-0"), NaturalSort.Key("P-1")) < 0);
    }

    [Fact]
    public void Key_uses_only_lower_hex_characters_so_every_collation_orders_it_like_ordinal()
    {
        var key = NaturalSort.Key("ISO 22/B-ä_04 éX");
        Assert.Matches("^[0-9a-f]+$", key);
    }

    [Fact]
    public void Key_of_a_100_character_number_fits_the_column()
    {
        Assert.True(NaturalSort.Key(new string('X', 100)).Length <= NaturalSort.KeyMaxLength);
        Assert.True(NaturalSort.Key(new string('9', 100)).Length <= NaturalSort.KeyMaxLength);
        Assert.Equal("", NaturalSort.Key(null));
    }

    [Fact]
    public void Comparer_agrees_with_key_order_on_a_mixed_list()
    {
        string[] numbers = ["P-10", "P-9B", "P-9A", "ISO-100", "ISO-20", "ISO-3", "1000", "99", "P-9", "P 9", "P-09"];
        var byComparer = numbers.Order(NaturalSort.Comparer).ToList();
        Assert.Equal(["99", "1000", "ISO-3", "ISO-20", "ISO-100", "P 9", "P-09", "P-9", "P-9A", "P-9B", "P-10"], byComparer);
        Assert.Equal(byComparer, SortedByKey(numbers));
    }

    [Fact]
    public void Drawing_set_number_stores_the_key_of_the_normalized_number()
    {
        var drawing = new Drawing();
        drawing.SetNumber("  p-10   01of02 ");
        Assert.Equal("P-10 01OF02", drawing.NormalizedNumber);
        Assert.Equal(NaturalSort.Key("P-10 01OF02"), drawing.NumberSortKey);
    }
}
