using System.Text;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-083: natural order of weld numbers (<c>W-2</c> before <c>W-10</c>) as a sortable text key.</summary>
public static class WeldSort
{
    public const int DigitWidth = 12;
    public const int KeyMaxLength = 400;

    /// <summary>
    /// Upper-cased, every run of digits left-padded with zeros to 12 (leading zeros dropped first, so
    /// <c>W-002</c> and <c>W-2</c> sort together); ordinal comparison of keys is then natural order.
    /// </summary>
    public static string Key(string number)
    {
        var text = number.Trim().ToUpperInvariant();
        var key = new StringBuilder(text.Length + DigitWidth);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                key.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            var digits = text[start..i].TrimStart('0');
            key.Append('0', Math.Max(0, DigitWidth - digits.Length)).Append(digits);
        }
        return key.Length > KeyMaxLength ? key.ToString(0, KeyMaxLength) : key.ToString();
    }
}
