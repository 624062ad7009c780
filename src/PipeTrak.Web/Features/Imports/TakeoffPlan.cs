using System.Globalization;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>A component to create from a takeoff (IMP-044), before matching existing ones (IMP-041).</summary>
/// <param name="Drawing">Normalized drawing number (TRK-014).</param>
/// <param name="Area">Row's AREA as written (trimmed), or null for none.</param>
/// <param name="TotalLinearFeet">Aggregates: Σ QTY (TRK-085).</param>
/// <param name="LineNumbers">Aggregates: contributing data-row numbers.</param>
/// <param name="WeldType">Field welds: WELD TYPE or BW (IMP-045).</param>
public sealed record ComponentDraft(
    ComponentType Type,
    string Identity,
    int Seq,
    string Drawing,
    string Commodity,
    string Size,
    string? Area,
    string? System,
    string? TestPackage,
    IReadOnlyDictionary<string, string> Attributes,
    decimal? TotalLinearFeet = null,
    IReadOnlyList<int>? LineNumbers = null,
    string? WeldType = null);

/// <summary>
/// IMP-030/IMP-040..045 as pure data: what the valid rows of one takeoff describe. Drawings are the
/// distinct normalized numbers with their first row's written number (IMP-043); metadata names are
/// distinct ignoring case with the first spelling kept (TRK-070); components are exploded per TRK-010
/// and pipe rows aggregated per TRK-085. Milestones start never set.
/// </summary>
public sealed class TakeoffPlan
{
    private readonly Dictionary<string, string> drawings = new(StringComparer.Ordinal);
    private readonly List<string> drawingOrder = [];
    private readonly Dictionary<string, string> areas = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> systems = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ComponentDraft> components = [];
    private readonly Dictionary<(ComponentType, string), int> aggregateIndex = [];
    private readonly Dictionary<(ComponentType, string), List<int>> aggregateLines = [];

    /// <summary>Normalized drawing number → first written number, in file order.</summary>
    public IEnumerable<(string Normalized, string Written)> Drawings => drawingOrder.Select(d => (d, drawings[d]));

    public IReadOnlyCollection<string> Areas => areas.Values;

    public IReadOnlyCollection<string> Systems => systems.Values;

    public IReadOnlyCollection<string> TestPackages => packages.Values;

    /// <summary>Components after explosion and aggregation (IMP-030 count).</summary>
    public IReadOnlyList<ComponentDraft> Components => components;

    /// <summary>IMP-030/IMP-046 counts by type code.</summary>
    public IReadOnlyDictionary<string, int> CountsByType()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in components)
        {
            counts[c.Type.Code()] = counts.GetValueOrDefault(c.Type.Code()) + 1;
        }
        return counts;
    }

    /// <summary>Builds the plan from classified rows; only valid rows contribute.</summary>
    public static TakeoffPlan Build(IEnumerable<RowClassification> rows)
    {
        var plan = new TakeoffPlan();
        foreach (var row in rows)
        {
            if (row.Class == RowClass.Valid && row.Type is { } type)
            {
                plan.Add(row.Row, type, row.Quantity);
            }
        }
        return plan;
    }

    private void Add(TakeoffRow row, ComponentType type, decimal quantity)
    {
        var drawing = DrawingNumber.Normalize(row.Drawing);
        if (drawings.TryAdd(drawing, row.Drawing!.Trim()))
        {
            drawingOrder.Add(drawing);
        }
        var area = Name(areas, row.Area);
        var system = Name(systems, row.System);
        var package = Name(packages, row.TestPackage);
        var code = ComponentIdentity.NormalizeCode(row.CmdtyCode);
        var size = SizeNormalizer.Normalize(row.Size);

        if (type.IsAggregate())
        {
            var identity = ComponentIdentity.ForAggregate(row.Drawing, row.Size, row.CmdtyCode);
            if (aggregateIndex.TryGetValue((type, identity), out var index))
            {
                var existing = components[index];
                aggregateLines[(type, identity)].Add(row.Number);
                var total = existing.TotalLinearFeet!.Value + quantity;
                var attributes = new Dictionary<string, string>(existing.Attributes, StringComparer.Ordinal)
                {
                    ["original_qty"] = Number(total),
                };
                components[index] = existing with { TotalLinearFeet = total, Attributes = attributes };
                return;
            }
            var lines = new List<int> { row.Number };
            aggregateLines.Add((type, identity), lines);
            aggregateIndex.Add((type, identity), components.Count);
            components.Add(new ComponentDraft(type, identity, 1, drawing, code, size, area, system, package,
                Attributes(row, Number(quantity)), quantity, lines));
            return;
        }
        var weldType = type == ComponentType.FieldWeld ? ImportValues.WeldType(row.WeldType) : null;
        var attributesForRow = Attributes(row, row.Qty!.Trim());
        foreach (var (key, seq) in ComponentIdentity.KeysForRow(type, row.Drawing, row.CmdtyCode, row.Size, (int)quantity))
        {
            components.Add(new ComponentDraft(type, key, seq, drawing, code, size, area, system, package, attributesForRow, WeldType: weldType));
        }
    }

    /// <summary>IMP-044 attributes: spec, spec_raw, description, size and cmdty_code as written, comments, original_qty, and the unmapped columns (non-empty values).</summary>
    private static Dictionary<string, string> Attributes(TakeoffRow row, string originalQty)
    {
        // Sized for the usual keys (spec, spec_raw, description, size, cmdty_code, comments, original_qty) plus the extras: no rehash per row.
        var attributes = new Dictionary<string, string>(7 + (row.Extras?.Count ?? 0), StringComparer.Ordinal);
        if (row.Extras is not null)
        {
            foreach (var (header, value) in row.Extras)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    attributes[header] = value;
                }
            }
        }
        Put(attributes, "spec", ImportValues.Spec(row.Spec));
        Put(attributes, "spec_raw", row.Spec);
        Put(attributes, "description", row.Description);
        Put(attributes, "size", row.Size);
        Put(attributes, "cmdty_code", row.CmdtyCode);
        Put(attributes, "comments", row.Comments);
        attributes["original_qty"] = originalQty;
        return attributes;
    }

    private static void Put(Dictionary<string, string> attributes, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            attributes[key] = value.Trim();
        }
    }

    /// <summary>TRK-070: names are trimmed, matched ignoring case, and the first spelling is kept; blank = none.</summary>
    private static string? Name(Dictionary<string, string> seen, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var name = value.Trim();
        return seen.TryAdd(name, name) ? name : seen[name];
    }

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
