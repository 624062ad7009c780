namespace PipeTrak.Web.Features.Components;

/// <summary>
/// TRK-012 size normalization, in order: trim; drop <c>"</c> and <c>'</c>; join a whole number and a
/// following fraction with <c>-</c> (<c>1 1/2</c> → <c>1-1/2</c>); drop remaining spaces; replace
/// <c>/</c> with <c>X</c>; upper-case; empty → <c>NOSIZE</c>. Runs once per takeoff row, so it works
/// on a stack buffer without regular expressions.
/// </summary>
public static class SizeNormalizer
{
    public const string NoSize = "NOSIZE";

    public static string Normalize(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
        {
            return NoSize;
        }
        var source = size.AsSpan().Trim();
        Span<char> text = source.Length <= 256 ? stackalloc char[source.Length] : new char[source.Length];
        var length = 0;
        foreach (var c in source)
        {
            if (c is not ('"' or '\''))
            {
                text[length++] = c;
            }
        }
        text = text[..length];

        Span<char> output = length <= 256 ? stackalloc char[length + 1] : new char[length + 1];
        var written = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                output[written++] = c == '/' ? 'X' : char.ToUpperInvariant(c);
                i++;
                continue;
            }
            var next = i;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }
            // A whitespace run between a whole number and a fraction becomes "-"; otherwise it is dropped.
            if (EndsWithWholeNumber(text[..i]) && StartsWithFraction(text[next..]))
            {
                output[written++] = '-';
            }
            i = next;
        }
        return written == 0 ? NoSize : new string(output[..written]);
    }

    /// <summary>The text ends with a digit run that is not part of a fraction or decimal (<c>1</c>, <c>2X1</c>; not <c>3/4</c>, <c>2.5</c>).</summary>
    private static bool EndsWithWholeNumber(ReadOnlySpan<char> text)
    {
        var i = text.Length - 1;
        if (i < 0 || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }
        while (i >= 0 && char.IsAsciiDigit(text[i]))
        {
            i--;
        }
        return i < 0 || text[i] is not ('/' or '.' or ',');
    }

    /// <summary>The text starts with digits '/' digits.</summary>
    private static bool StartsWithFraction(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i == 0 || i >= text.Length || text[i] != '/')
        {
            return false;
        }
        return i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
    }
}

/// <summary>
/// TRK-013 size display from the normalized size: <c>NXM</c> with N &lt; M shows as <c>N/M"</c>,
/// <c>A-NXM</c> as <c>A-N/M"</c>, a plain number as <c>N"</c>; a reducer (N ≥ M) and any other form
/// show as written; <c>NOSIZE</c> is omitted (empty string).
/// </summary>
public static class SizeDisplay
{
    public static string Format(string? normalized, string? written = null)
    {
        if (string.IsNullOrWhiteSpace(normalized) || normalized == SizeNormalizer.NoSize)
        {
            return "";
        }
        var asWritten = string.IsNullOrWhiteSpace(written) ? normalized : written.Trim();
        var s = normalized.AsSpan();
        if (IsNumber(s, allowDecimal: true))
        {
            return string.Concat(s, "\"");
        }
        var dash = s.IndexOf('-');
        var whole = ReadOnlySpan<char>.Empty;
        var fraction = s;
        if (dash >= 0)
        {
            whole = s[..dash];
            fraction = s[(dash + 1)..];
            if (!IsNumber(whole, allowDecimal: false))
            {
                return asWritten;
            }
        }
        var x = fraction.IndexOf('X');
        if (x <= 0 || !IsNumber(fraction[..x], false) || !IsNumber(fraction[(x + 1)..], false))
        {
            return asWritten;
        }
        var n = fraction[..x];
        var m = fraction[(x + 1)..];
        if (dash < 0)
        {
            return CompareWhole(n, m) < 0 ? string.Concat(n, "/", m, "\"") : asWritten;
        }
        return $"{whole}-{n}/{m}\"";
    }

    private static bool IsNumber(ReadOnlySpan<char> s, bool allowDecimal)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        var dots = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '.' && allowDecimal && i > 0 && i < s.Length - 1 && dots++ == 0)
            {
                continue;
            }
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Compares two digit strings by value without overflow.</summary>
    private static int CompareWhole(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }
}
