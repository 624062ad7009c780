using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>
/// The file half of the IMP-030 analysis: header mapping (IMP-010), row classes (IMP-020..023) and the
/// plan (IMP-040..045). It depends on the file alone, never on the project, so the parse made at upload
/// can serve confirm for the same stored bytes (<see cref="TakeoffParseCache"/>); the project half is
/// <see cref="TakeoffAnalysis.Compare"/>.
/// </summary>
public sealed class TakeoffParse
{
    public required int Rows { get; init; }
    public required string? Delimiter { get; init; }
    public required IReadOnlyList<MappingView> Mappings { get; init; }
    public required IReadOnlyList<string> Unmapped { get; init; }
    public required IReadOnlyList<string> ColumnErrors { get; init; }
    public int ErrorCount { get; init; }
    public int SkippedCount { get; init; }
    public int ValidCount { get; init; }
    public IReadOnlyList<RowGroup> Errors { get; init; } = [];
    public IReadOnlyList<RowGroup> Skipped { get; init; } = [];
    public IReadOnlyList<PreviewRow> FirstRows { get; init; } = [];
    public IReadOnlyDictionary<string, int> CountsByType { get; init; } = new Dictionary<string, int>();

    /// <summary>IMP-023 as far as the rows go: no error row and at least one valid row.</summary>
    public bool RowsImportable { get; init; }

    /// <summary>Null when a required column is missing (nothing else is checked then).</summary>
    public TakeoffPlan? Plan { get; init; }

    public static TakeoffParse Of(SheetReadResult sheet)
    {
        var mapping = HeaderMapping.Map(sheet.Headers.Cast<string?>().ToList(), TakeoffColumns.Fields);
        var mappings = mapping.Mappings.Select(m => new MappingView(m.Field, m.Header, m.Score)).ToList();
        var unmapped = mapping.Unmapped.Select(u => u.Header).ToList();
        var delimiter = sheet.Delimiter switch { null => null, '\t' => "tab", { } d => d.ToString() };
        if (mapping.HasErrors)
        {
            return new TakeoffParse { Rows = sheet.Rows.Count, Delimiter = delimiter, Mappings = mappings, Unmapped = unmapped, ColumnErrors = mapping.Errors };
        }

        var columns = new Columns(mapping);
        var classifier = new TakeoffRowClassifier();
        var errors = new Groups();
        var skipped = new Groups();
        var firstRows = new List<PreviewRow>(TakeoffAnalysis.FirstRowsShown);
        // Rows are classified as the plan takes them: no per-row classification outlives its row.
        var plan = TakeoffPlan.Build(Classified());
        var validCount = sheet.Rows.Count - errors.Total - skipped.Total;
        return new TakeoffParse
        {
            Rows = sheet.Rows.Count,
            Delimiter = delimiter,
            Mappings = mappings,
            Unmapped = unmapped,
            ColumnErrors = [],
            ErrorCount = errors.Total,
            SkippedCount = skipped.Total,
            ValidCount = validCount,
            Errors = errors.ToList(),
            Skipped = skipped.ToList(),
            FirstRows = firstRows,
            CountsByType = plan.CountsByType(),
            RowsImportable = errors.Total == 0 && validCount > 0, // IMP-023 (TakeoffRowClassifier.CanImport)
            Plan = plan,
        };

        IEnumerable<RowClassification> Classified()
        {
            foreach (var row in sheet.Rows)
            {
                var c = classifier.Classify(columns.ToTakeoffRow(row));
                switch (c.Class)
                {
                    case RowClass.Error:
                        errors.Add(c);
                        break;
                    case RowClass.Skipped:
                        skipped.Add(c);
                        break;
                    default:
                        if (firstRows.Count < TakeoffAnalysis.FirstRowsShown)
                        {
                            firstRows.Add(new PreviewRow(c.Row.Number, c.Row.Line, c.Row.Drawing!, c.Type!.Value.ImportName(), c.Row.Qty!, c.Row.CmdtyCode!,
                                c.Row.Size, c.Row.Area, c.Row.System, c.Row.TestPackage));
                        }
                        break;
                }
                yield return c;
            }
        }
    }

    /// <summary>The column of each takeoff field, looked up once per file instead of once per row and field.</summary>
    private sealed class Columns(HeaderMappingResult mapping)
    {
        private readonly int drawing = mapping.ColumnOf(TakeoffColumns.Drawing);
        private readonly int type = mapping.ColumnOf(TakeoffColumns.Type);
        private readonly int qty = mapping.ColumnOf(TakeoffColumns.Qty);
        private readonly int cmdtyCode = mapping.ColumnOf(TakeoffColumns.CmdtyCode);
        private readonly int size = mapping.ColumnOf(TakeoffColumns.Size);
        private readonly int weldType = mapping.ColumnOf(TakeoffColumns.WeldType);
        private readonly int spec = mapping.ColumnOf(TakeoffColumns.Spec);
        private readonly int description = mapping.ColumnOf(TakeoffColumns.Description);
        private readonly int comments = mapping.ColumnOf(TakeoffColumns.Comments);
        private readonly int area = mapping.ColumnOf(TakeoffColumns.Area);
        private readonly int system = mapping.ColumnOf(TakeoffColumns.System);
        private readonly int testPackage = mapping.ColumnOf(TakeoffColumns.TestPackage);
        private readonly (int Column, string Header)[] unmapped = mapping.Unmapped.Select(u => (u.Column, u.Header)).ToArray();

        public TakeoffRow ToTakeoffRow(SheetRow row)
        {
            var cells = row.Cells;
            Dictionary<string, string?>? extras = null;
            foreach (var (column, header) in unmapped)
            {
                if (column < cells.Length && cells[column] is { } value)
                {
                    extras ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                    extras[header] = value;
                }
            }
            return new TakeoffRow(row.Number, row.Line,
                Cell(cells, drawing), Cell(cells, type), Cell(cells, qty), Cell(cells, cmdtyCode),
                Cell(cells, size), Cell(cells, weldType), extras,
                Cell(cells, spec), Cell(cells, description), Cell(cells, comments),
                Cell(cells, area), Cell(cells, system), Cell(cells, testPackage));
        }

        private static string? Cell(string?[] cells, int column) => column >= 0 && column < cells.Length ? cells[column] : null;
    }

    /// <summary>Rows of one class grouped by code in order of first appearance, at most <see cref="TakeoffAnalysis.MaxRowsPerGroup"/> listed each.</summary>
    private sealed class Groups
    {
        private readonly Dictionary<string, (int Count, List<RowMessage> Rows)> byCode = new(StringComparer.Ordinal);
        private readonly List<string> order = [];

        public int Total { get; private set; }

        public void Add(RowClassification row)
        {
            Total++;
            if (!byCode.TryGetValue(row.Code!, out var group))
            {
                group = (0, []);
                order.Add(row.Code!);
            }
            if (group.Rows.Count < TakeoffAnalysis.MaxRowsPerGroup)
            {
                group.Rows.Add(new RowMessage(row.Row.Number, row.Row.Line, row.Code!, row.Message!));
            }
            byCode[row.Code!] = (group.Count + 1, group.Rows);
        }

        public List<RowGroup> ToList() => order.Select(code => new RowGroup(code, byCode[code].Count, byCode[code].Rows)).ToList();
    }
}
