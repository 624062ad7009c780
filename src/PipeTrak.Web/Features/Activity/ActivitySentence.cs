using System.Globalization;
using System.Text.Json;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Activity;

/// <summary>RPT-050/051/053: how one milestone event reads in the recent-activity feed.</summary>
public static class ActivitySentence
{
    public const string Empty = "No recent activity";

    /// <summary>
    /// RPT-051: <c>{full name} {marked|updated} {Type} {identity}: {milestone} {complete|cleared|n%}
    /// {on Drawing {number}|(no drawing assigned)}</c>. "marked" at 100, else "updated"; the value reads
    /// "complete" at 100, "cleared" at 0, else <c>{n}%</c>. <paramref name="type"/> null (a type the app
    /// does not know) reads <c>Component {id}</c>.
    /// </summary>
    public static string Build(string fullName, ComponentType? type, string identity, Guid componentId, string milestone, int value, string? drawingNumber)
    {
        var verb = value >= 100 ? "marked" : "updated";
        var subject = type is { } t ? string.Concat(t.Label(), " ", identity) : string.Concat("Component ", componentId.ToString());
        var reads = value >= 100 ? "complete" : value <= 0 ? "cleared" : string.Create(CultureInfo.InvariantCulture, $"{value}%");
        var where = string.IsNullOrWhiteSpace(drawingNumber) ? "(no drawing assigned)" : string.Concat("on Drawing ", drawingNumber);
        return string.Create(CultureInfo.InvariantCulture, $"{fullName} {verb} {subject}: {milestone} {reads} {where}");
    }

    /// <summary>RPT-053: the first two letters of the full name, upper-cased ("Ana Ruiz" → "AN"), or else of the email.</summary>
    public static string Initials(string? fullName, string? email)
    {
        var fromName = FirstLetters(fullName);
        return fromName.Length > 0 ? fromName : FirstLetters(email);
    }

    private static string FirstLetters(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        Span<char> letters = stackalloc char[2];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters[count++] = char.ToUpperInvariant(c);
                if (count == 2)
                {
                    break;
                }
            }
        }
        return new string(letters[..count]);
    }

    /// <summary>RPT-050 relative time: "just now", "1 minute ago", "2 minutes ago", hours, days, months, years.</summary>
    public static string Relative(DateTime now, DateTime then)
    {
        var elapsed = now - then;
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        if (elapsed < TimeSpan.FromHours(1))
        {
            return Ago((int)elapsed.TotalMinutes, "minute");
        }
        if (elapsed < TimeSpan.FromDays(1))
        {
            return Ago((int)elapsed.TotalHours, "hour");
        }
        if (elapsed < TimeSpan.FromDays(30))
        {
            return Ago((int)elapsed.TotalDays, "day");
        }
        if (elapsed < TimeSpan.FromDays(365))
        {
            return Ago((int)(elapsed.TotalDays / 30), "month");
        }
        return Ago((int)(elapsed.TotalDays / 365), "year");
    }

    private static string Ago(int n, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")} ago");

    /// <summary>
    /// TRK-010/013 display of a stored component, from its identity key and attributes: spools and welds
    /// show the key; aggregates <c>{commodity} {size} ({LF} LF)</c> (total_linear_feet, else original_qty);
    /// instruments <c>{commodity} {size}</c>; counted types add <c>{seq} of {n}</c> when n &gt; 1.
    /// </summary>
    public static string Identity(ComponentType type, string identityKey, string? attributesJson, int siblingsMaxSeq = 1)
    {
        var attributes = ReadAttributes(attributesJson);
        attributes.TryGetValue("size", out var writtenSize);
        switch (type.IdentityKind())
        {
            case IdentityKind.Spool or IdentityKind.FieldWeld:
                return identityKey;
            case IdentityKind.Aggregate:
                attributes.TryGetValue("cmdty_code", out var code);
                var lf = Number(attributes, "total_linear_feet") ?? Number(attributes, "original_qty");
                return ComponentIdentity.Display(type, identityKey, code, SizeNormalizer.Normalize(writtenSize), writtenSize, linearFeet: lf);
            default:
                var parts = identityKey.Split(ComponentIdentity.PartSeparator);
                if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
                {
                    return identityKey;
                }
                return ComponentIdentity.Display(type, identityKey, parts[1], parts[2], writtenSize, seq, Math.Max(siblingsMaxSeq, seq));
        }
    }

    /// <summary>The counted-sibling prefix <c>{drawing}|{code}|{size}|</c> of a key, or null for other kinds.</summary>
    public static string? SiblingPrefix(ComponentType type, string identityKey)
    {
        if (type.IdentityKind() is not (IdentityKind.Counted))
        {
            return null;
        }
        var last = identityKey.LastIndexOf(ComponentIdentity.PartSeparator);
        return last <= 0 ? null : identityKey[..(last + 1)];
    }

    /// <summary>The seq at the end of a counted key, 0 when there is none.</summary>
    public static int Seq(string identityKey)
    {
        var last = identityKey.LastIndexOf(ComponentIdentity.PartSeparator);
        return last >= 0 && int.TryParse(identityKey.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }

    private static Dictionary<string, string> ReadAttributes(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var text = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => null,
                };
                if (text is not null)
                {
                    result[p.Name] = text;
                }
            }
        }
        catch (JsonException)
        {
            // Attributes are written by the app as JSON objects; anything else displays from the key alone.
        }
        return result;
    }

    private static decimal? Number(Dictionary<string, string> attributes, string key) =>
        attributes.TryGetValue(key, out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
