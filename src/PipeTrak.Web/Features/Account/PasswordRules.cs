namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-002: password length and the five weak patterns, compared ignoring case.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly string[] CommonWords =
        ["password", "passw0rd", "p@ssword", "letmein", "welcome", "iloveyou", "admin", "qwerty", "changeme", "pipetrak"];

    private static readonly string[] KeyboardRows =
        ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./", "1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"];

    /// <summary>Returns the first message that applies, or null when the password is acceptable.</summary>
    public static string? Validate(string? password, string? email)
    {
        password ??= "";
        var length = new System.Globalization.StringInfo(password).LengthInTextElements;
        if (length < MinLength)
        {
            return "Password must be at least 8 characters";
        }
        if (length > MaxLength)
        {
            return "Password must be at most 128 characters";
        }
        var lower = password.ToLowerInvariant();
        if (IsOneRepeatedCharacter(lower))
        {
            return "Password cannot be one repeated character";
        }
        if (IsSequence(lower))
        {
            return "Password cannot be a simple sequence";
        }
        if (IsKeyboardWalk(lower))
        {
            return "Password cannot be a keyboard pattern";
        }
        if (IsCommon(lower))
        {
            return "Password is too common";
        }
        if (ContainsEmailName(lower, email))
        {
            return "Password cannot contain your email name";
        }
        return null;
    }

    /// <summary>Compares text elements, so a repeated emoji or accented letter counts as one character.</summary>
    private static bool IsOneRepeatedCharacter(string s)
    {
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(s);
        string? first = null;
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            first ??= element;
            if (!string.Equals(element, first, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSequence(string s)
    {
        if (!(s.All(char.IsAsciiDigit) || s.All(char.IsAsciiLetterLower)))
        {
            return false;
        }
        var step = s[1] - s[0];
        if (step is not (1 or -1))
        {
            return false;
        }
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] - s[i - 1] != step)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsKeyboardWalk(string s)
    {
        // Rows and columns: the whole password is a contiguous run of one row (either way), or a
        // run through consecutive columns ("1qaz2wsx"): the concatenation of column strings.
        var columns = string.Concat(KeyboardRows.Skip(4));
        var reversedColumns = string.Concat(KeyboardRows.Skip(4).Select(Reverse));
        foreach (var row in KeyboardRows.Take(4).Append(columns).Append(reversedColumns))
        {
            if (row.Contains(s, StringComparison.Ordinal) || Reverse(row).Contains(s, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsCommon(string s)
    {
        foreach (var word in CommonWords)
        {
            if (s.StartsWith(word, StringComparison.Ordinal) && s[word.Length..].All(c => !char.IsLetter(c)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsEmailName(string s, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }
        var normalized = email.Trim().ToLowerInvariant();
        if (s.Contains(normalized, StringComparison.Ordinal))
        {
            return true;
        }
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? normalized[..at] : normalized;
        return local.Length >= 4 && s.Contains(local, StringComparison.Ordinal);
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
