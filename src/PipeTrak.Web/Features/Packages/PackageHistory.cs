using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Packages;

/// <summary>One changed value of an audited package change (PKG-043/058: before and after).</summary>
public sealed record HistoryChange(string Field, string Before, string After);

/// <summary>One audit entry of a package as the History tab shows it: who, when, what, before and after.</summary>
public sealed record PackageHistoryEntry(
    Guid Id, DateTime At, string Action, string Summary, string Actor, IReadOnlyList<HistoryChange> Changes, IReadOnlyList<string> Notes);

/// <summary>
/// PKG-034 History tab: this package's audit entries (creation and edits, PKG-016 assignment changes,
/// PKG-043 certificate, PKG-052/058 stage transitions and edits), newest first. The audit rows carry
/// the package id in their details (<c>packageId</c>, or <c>Id</c> for creation and edits).
/// </summary>
public static class PackageHistory
{
    public const int Limit = 100;

    /// <summary>Shown for a value that was empty.</summary>
    public const string Empty = "—";

    public static async Task<IReadOnlyList<PackageHistoryEntry>> ForPackageAsync(AppDbContext db, Guid projectId, Guid packageId, int limit, CancellationToken ct)
    {
        var marker = packageId.ToString();
        var rows = await (
            from a in db.AuditEntries.AsNoTracking()
            where a.ProjectId == projectId && a.Details != null && a.Details.Contains(marker)
            join u in db.Users.AsNoTracking() on a.ActorUserId equals (Guid?)u.Id into users
            from u in users.DefaultIfEmpty()
            orderby a.At descending, a.Id descending
            select new { a.Id, a.At, a.Action, a.Summary, a.Details, FullName = u == null ? null : u.FullName, Email = u == null ? null : u.Email })
            .Take(limit)
            .ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var (changes, notes) = Describe(r.Action, r.Details);
            var actor = !string.IsNullOrWhiteSpace(r.FullName) ? r.FullName : r.Email ?? "System";
            return new PackageHistoryEntry(r.Id, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), r.Action, r.Summary, actor, changes, notes);
        })];
    }

    /// <summary>
    /// The before → after pairs and the notes (reason, counts) of an entry's details. Unchanged values
    /// are left out; a stage edit that did not touch the sign-offs stores none after, which is "unchanged".
    /// </summary>
    public static (IReadOnlyList<HistoryChange> Changes, IReadOnlyList<string> Notes) Describe(string action, string? details)
    {
        var changes = new List<HistoryChange>();
        var notes = new List<string>();
        if (string.IsNullOrWhiteSpace(details))
        {
            return (changes, notes);
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(details);
        }
        catch (JsonException)
        {
            return (changes, notes);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (changes, notes);
            }
            var hasBefore = root.TryGetProperty("before", out var before);
            var hasAfter = root.TryGetProperty("after", out var after);
            if (hasBefore && hasAfter)
            {
                if (before.ValueKind == JsonValueKind.Object || after.ValueKind == JsonValueKind.Object)
                {
                    AddObjectChanges(action, before, after, changes);
                }
                else if (!SameValue(before, after))
                {
                    // PKG-052 stage transitions store the status names.
                    changes.Add(new HistoryChange("Status", StatusText(before), StatusText(after)));
                }
            }
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "reason" when property.Value.ValueKind == JsonValueKind.String:
                        notes.Add("Reason: " + property.Value.GetString());
                        break;
                    case "componentsAffected" or "components" or "count" when property.Value.ValueKind == JsonValueKind.Number:
                        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Value.GetRawText()} component(s) affected"));
                        break;
                    case "componentsReleased" when property.Value.ValueKind == JsonValueKind.Number:
                        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{property.Value.GetRawText()} component(s) released"));
                        break;
                    default:
                        break;
                }
            }
        }
        return (changes, notes);
    }

    private static void AddObjectChanges(string action, JsonElement before, JsonElement after, List<HistoryChange> changes)
    {
        var names = new List<string>();
        foreach (var source in new[] { before, after })
        {
            if (source.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var p in source.EnumerateObject())
            {
                if (!names.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(p.Name);
                }
            }
        }
        foreach (var name in names)
        {
            var b = Property(before, name);
            var a = Property(after, name);
            // PKG-058: a stage edit of the data only leaves the sign-offs out of "after" (unchanged), and vice versa.
            if (action == "stage_edited" && a is not { ValueKind: not JsonValueKind.Null })
            {
                continue;
            }
            if (b is { } bv && a is { } av ? SameValue(bv, av) : IsEmpty(b) && IsEmpty(a))
            {
                continue;
            }
            changes.Add(new HistoryChange(FieldLabel(name), ValueText(name, b), ValueText(name, a)));
        }
    }

    /// <summary>Test types are stored by enum name; shown with the spec's label (PKG-001).</summary>
    private static string ValueText(string name, JsonElement? value) =>
        string.Equals(name, "testType", StringComparison.OrdinalIgnoreCase) && value is { ValueKind: JsonValueKind.String } v
            && PackageRules.TryParseTestType(v.GetString(), out var type)
            ? type.Label()
            : Text(value);

    private static JsonElement? Property(JsonElement source, string name)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var p in source.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }
        return null;
    }

    private static bool IsEmpty(JsonElement? value) => value is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };

    private static bool SameValue(JsonElement a, JsonElement b) => Text(a) == Text(b);

    /// <summary>"TestPressure" / "testType" / "signOffs" → "Test pressure" / "Test type" / "Sign-offs".</summary>
    public static string FieldLabel(string name)
    {
        if (string.Equals(name, "signOffs", StringComparison.OrdinalIgnoreCase))
        {
            return "Sign-offs";
        }
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0)
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c))
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string StatusText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && Enum.TryParse<StageStatus>(value.GetString(), ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status.Label()
            : Text(value);

    /// <summary>A value as one line: objects as "key: value", lists joined by "; ", JSON held in strings unpacked.</summary>
    public static string Text(JsonElement? value)
    {
        if (value is not { } v)
        {
            return Empty;
        }
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Empty;
            case JsonValueKind.String:
                var s = v.GetString() ?? "";
                if (s.StartsWith('{') && TryParse(s, out var inner))
                {
                    return Text(inner);
                }
                return s.Length == 0 ? Empty : s;
            case JsonValueKind.True:
                return "Yes";
            case JsonValueKind.False:
                return "No";
            case JsonValueKind.Number:
                // 150 and 150.000 (a numeric column read back) are the same pressure.
                return v.TryGetDecimal(out var number) ? number.ToString("0.##########", CultureInfo.InvariantCulture) : v.GetRawText();
            case JsonValueKind.Array:
                var items = v.EnumerateArray().Select(e => Text(e)).Where(t => t != Empty).ToList();
                return items.Count == 0 ? Empty : string.Join("; ", items);
            default:
                // A sign-off ({ role, name, date }) reads "QC Representative: Ann Lee 2026-12-01".
                if (Property(v, "role") is { ValueKind: JsonValueKind.String } role)
                {
                    var label = Enum.TryParse<SignOffRole>(role.GetString(), ignoreCase: true, out var r) && Enum.IsDefined(r) ? r.Label() : role.GetString();
                    var rest = v.EnumerateObject().Where(p => !string.Equals(p.Name, "role", StringComparison.OrdinalIgnoreCase))
                        .Select(p => Text(p.Value)).Where(t => t != Empty).ToList();
                    // A blank sign-off row of the form is no sign-off.
                    return rest.Count == 0 ? Empty : $"{label}: {string.Join(" ", rest)}";
                }
                var parts = v.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{FieldLabel(p.Name)}: {Text(p.Value)}").ToList();
                return parts.Count == 0 ? Empty : string.Join(", ", parts);
        }
    }

    private static bool TryParse(string json, out JsonElement element)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
