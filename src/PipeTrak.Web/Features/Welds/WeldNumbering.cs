using System.Globalization;

namespace PipeTrak.Web.Features.Welds;

/// <summary>
/// WLD-051: the number proposed for a new unplanned weld. A pure function of the project's weld
/// numbers, so it can be tested on its own and re-run inside the creating transaction.
/// </summary>
public static class WeldNumbering
{
    public const string EmptyProjectNumber = "W-001";

    /// <summary>
    /// <paramref name="numbersOldestFirst"/>: every weld number of the project including retired welds and
    /// EXCLUDING repairs, oldest first (step 1; the order breaks prefix ties, step 3).
    /// <paramref name="taken"/>: every number in use (repairs included), compared ignoring case (step 6).
    /// </summary>
    public static string Next(IReadOnlyList<string> numbersOldestFirst, IEnumerable<string> taken)
    {
        var parsed = new List<(string Prefix, string Digits, int Order)>();
        for (var i = 0; i < numbersOldestFirst.Count; i++)
        {
            if (Split(numbersOldestFirst[i]) is { } split)
            {
                parsed.Add((split.Prefix, split.Digits, i));
            }
        }
        var used = new HashSet<string>(taken.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        if (parsed.Count == 0)
        {
            return FirstFree("W-", 1, 3, used);
        }

        // Step 3: the most frequent prefix; a tie goes to the prefix of the newest weld.
        var prefix = parsed
            .GroupBy(p => p.Prefix, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(p => p.Order))
            .First().Key;
        var mine = parsed.Where(p => string.Equals(p.Prefix, prefix, StringComparison.Ordinal)).ToList();

        // Step 4: the most frequent digit count among zero-led numbers (the wider one on a tie); else none.
        var width = mine.Where(p => p.Digits.Length > 1 && p.Digits[0] == '0')
            .GroupBy(p => p.Digits.Length)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key)
            .Select(g => g.Key)
            .FirstOrDefault();

        // Step 5: the smallest gap strictly between the lowest and the highest, else highest + 1.
        var values = mine.Select(p => Value(p.Digits)).ToHashSet();
        var low = values.Min();
        var high = values.Max();
        var next = high + 1;
        for (var v = low + 1; v < high; v++)
        {
            if (!values.Contains(v))
            {
                next = v;
                break;
            }
        }
        return FirstFree(prefix, next, width, used);
    }

    /// <summary>Step 2: prefix and trailing digits; null when the number has no trailing digits.</summary>
    public static (string Prefix, string Digits)? Split(string number)
    {
        var trimmed = number.Trim();
        var end = trimmed.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(trimmed[start - 1]))
        {
            start--;
        }
        return start == end ? null : (trimmed[..start], trimmed[start..]);
    }

    /// <summary>Step 6: prefix + zero-padded value (wider values keep all digits); taken → increment.</summary>
    private static string FirstFree(string prefix, decimal value, int width, HashSet<string> used)
    {
        while (true)
        {
            var candidate = prefix + value.ToString(new string('0', Math.Max(1, width)), CultureInfo.InvariantCulture);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
            value++;
        }
    }

    // Digits can be longer than a long holds ("wide numbers"); decimal keeps 28 digits exactly.
    private static decimal Value(string digits) =>
        digits.Length <= 28 ? decimal.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) : decimal.MaxValue;
}
