using System.Globalization;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>
/// TRK-092: the nominal diameter (inches) parsed from a size as written (<c>attributes.size</c>),
/// else the normalized identity size; for welds, from the weld size. Quotes and inch marks are
/// stripped. Forms: <c>HALF</c> = 0.5; a number (<c>6</c>, <c>2.5</c>) is itself; <c>a/b</c>, or
/// <c>aXb</c> with a &lt; b, is a ÷ b (b = 0 unparseable); <c>1 1/2</c>, <c>1-1/2</c>, <c>1-1X2</c> are
/// whole + fraction; a reducer <c>AxB</c> with A ≥ B (parts may be fractions) is (A + B) ÷ 2; anything
/// else, blank and <c>NOSIZE</c> are unparseable (null). A diameter of 0 or less is unparseable too.
/// </summary>
public static class DiameterParser
{
    public static decimal? Parse(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
        {
            return null;
        }
        var text = Clean(size);
        if (text.Length == 0 || text == "NOSIZE")
        {
            return null;
        }
        if (text == "HALF")
        {
            return 0.5m;
        }
        var tokens = text.Split('X');
        var parts = new List<decimal>(2);
        var i = 0;
        while (i < tokens.Length)
        {
            var token = tokens[i];
            if (token.Length == 0)
            {
                return null;
            }
            decimal value;
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && !token.Contains('/', StringComparison.Ordinal))
            {
                // Normalized mixed number "1-1X2": whole "-" numerator, then the next token is the denominator.
                if (i + 1 >= tokens.Length || !TryWhole(token[..dash], out var whole) || !TryWhole(token[(dash + 1)..], out var numerator)
                    || !TryWhole(tokens[i + 1], out var denominator) || denominator == 0)
                {
                    return null;
                }
                value = whole + (numerator / denominator);
                i += 2;
            }
            else if (i + 1 < tokens.Length && TryWhole(token, out var a) && TryWhole(tokens[i + 1], out var b) && a < b)
            {
                // "aXb" with a < b is the fraction a/b.
                value = a / b;
                i += 2;
            }
            else if (TryPart(token, out value))
            {
                i++;
            }
            else
            {
                return null;
            }
            parts.Add(value);
            if (parts.Count > 2)
            {
                return null;
            }
        }
        decimal? diameter = parts.Count switch
        {
            1 => parts[0],
            2 when parts[0] >= parts[1] => (parts[0] + parts[1]) / 2,
            _ => null,
        };
        return diameter > 0 ? diameter : null;
    }

    /// <summary>Strips quotes and inch marks, joins "1 1/2" as "1-1/2", drops other whitespace, upper-cases.</summary>
    private static string Clean(string size)
    {
        var chars = new List<char>(size.Length);
        var source = size.Trim();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '"' or '\'' or '\u2033' or '\u2032' or '\u201C' or '\u201D' or '\u2018' or '\u2019')
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                var next = i;
                while (next < source.Length && char.IsWhiteSpace(source[next]))
                {
                    next++;
                }
                if (chars.Count > 0 && char.IsAsciiDigit(chars[^1]) && next < source.Length && IsFractionAt(source, next))
                {
                    chars.Add('-');
                }
                i = next - 1;
                continue;
            }
            chars.Add(char.ToUpperInvariant(c));
        }
        return new string([.. chars]);
    }

    private static bool IsFractionAt(string s, int start)
    {
        var i = start;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        return i > start && i + 1 < s.Length && s[i] == '/' && char.IsAsciiDigit(s[i + 1]);
    }

    /// <summary>A part: a number, "a/b", or "w-a/b".</summary>
    private static bool TryPart(string token, out decimal value)
    {
        value = 0;
        var slash = token.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return TryNumber(token, out value);
        }
        var head = token[..slash];
        var dash = head.IndexOf('-', StringComparison.Ordinal);
        decimal whole = 0;
        if (dash >= 0)
        {
            if (!TryWhole(head[..dash], out whole))
            {
                return false;
            }
            head = head[(dash + 1)..];
        }
        if (!TryWhole(head, out var numerator) || !TryWhole(token[(slash + 1)..], out var denominator) || denominator == 0)
        {
            return false;
        }
        value = whole + (numerator / denominator);
        return true;
    }

    private static bool TryWhole(string s, out decimal value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 9)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        value = decimal.Parse(s, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryNumber(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
