namespace PipeTrak.Web.Features.Components;

/// <summary>
/// TRK-014: the normalized drawing number is the number trimmed, upper-cased, with each whitespace
/// run collapsed to one space. Hyphens, leading zeros and sheet marks are kept. The written form is
/// kept (by the caller) for display.
/// </summary>
public static class DrawingNumber
{
    public const string RequiredMessage = "Drawing number is required";

    /// <summary>The normalized number, or an empty string when the number is blank (see <see cref="Validate"/>).</summary>
    public static string Normalize(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return "";
        }
        var source = number.AsSpan().Trim();
        Span<char> buffer = source.Length <= 256 ? stackalloc char[source.Length] : new char[source.Length];
        var length = 0;
        var inWhitespace = false;
        foreach (var c in source)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inWhitespace)
                {
                    buffer[length++] = ' ';
                }
                inWhitespace = true;
                continue;
            }
            inWhitespace = false;
            buffer[length++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..length]);
    }

    /// <summary>TRK-014: "Drawing number is required" for a blank number, else null.</summary>
    public static string? Validate(string? number) => string.IsNullOrWhiteSpace(number) ? RequiredMessage : null;
}
