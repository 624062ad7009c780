using System.Text;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// Natural order of drawing numbers (TRK-014 numbers are compared as people read them): runs of
/// digits compare by their numeric value (<c>P-2</c> before <c>P-10</c>), everything else by
/// character. <see cref="Key"/> turns a number into a sortable key whose plain ordinal order is
/// the natural order, so the database can page through 10,000 drawings with an index.
/// </summary>
/// <remarks>
/// The key uses only <c>0-9a-f</c>: those sort the same under ordinal, SQLite BINARY and the usual
/// PostgreSQL collations (no ignorable punctuation, no case folding), so no provider-specific
/// collation is needed. Encoding, token by token:
/// a digit run becomes <c>1</c> + its length without leading zeros (2 hex digits) + those digits;
/// any other character becomes <c>2</c> + its UTF-16 code (4 hex digits). Numbers therefore sort
/// before letters and punctuation, like digits do in ASCII, and a prefix sorts first.
/// </remarks>
public static class NaturalSort
{
    /// <summary>Longest key for a 100-character number (5 characters per non-digit character).</summary>
    public const int KeyMaxLength = 500;

    private const int MaxDigits = 255;

    public static readonly IComparer<string?> Comparer = Comparer<string?>.Create(Compare);

    /// <summary>The sortable key of <paramref name="value"/> (empty for null or empty).</summary>
    public static string Key(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var key = new StringBuilder(value.Length * 5);
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < value.Length && char.IsAsciiDigit(value[i]))
                {
                    i++;
                }
                var digits = value.AsSpan(start, i - start).TrimStart('0');
                if (digits.Length > MaxDigits)
                {
                    digits = digits[..MaxDigits];
                }
                key.Append('1').Append(digits.Length.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)).Append(digits);
                continue;
            }
            key.Append('2').Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            i++;
        }
        return key.Length <= KeyMaxLength ? key.ToString() : key.ToString(0, KeyMaxLength);
    }

    /// <summary>
    /// Natural comparison ignoring case (names of areas, systems, packages are typed by people; drawing
    /// keys are built from normalized, upper-case numbers, so both orders agree). Equal keys fall back
    /// to ordinal so the order is total.
    /// </summary>
    public static int Compare(string? a, string? b)
    {
        var byKey = string.CompareOrdinal(Key(a?.ToUpperInvariant()), Key(b?.ToUpperInvariant()));
        return byKey != 0 ? byKey : string.CompareOrdinal(a, b);
    }
}
