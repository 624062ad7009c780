using System.Globalization;
using System.Text;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>
/// One already-parsed takeoff data row (IMP-002: cells trimmed, empty rows already dropped).
/// <paramref name="Number"/> is the data-row index n and <paramref name="Line"/> the spreadsheet line m (IMP-003).
/// <paramref name="Extras"/> holds the unmapped columns (header → value).
/// </summary>
public sealed record TakeoffRow(
    int Number,
    int Line,
    string? Drawing,
    string? Type,
    string? Qty,
    string? CmdtyCode,
    string? Size = null,
    string? WeldType = null,
    IReadOnlyDictionary<string, string?>? Extras = null,
    string? Spec = null,
    string? Description = null,
    string? Comments = null,
    string? Area = null,
    string? System = null,
    string? TestPackage = null);

public enum RowClass
{
    Valid = 1,
    Skipped = 2,
    Error = 3,
}

/// <summary>IMP-020 row codes (stable values).</summary>
public static class RowCodes
{
    public const string EmptyDrawing = "empty_drawing";
    public const string MissingRequiredField = "missing_required_field";
    public const string UnsupportedType = "unsupported_type";
    public const string InvalidQuantity = "invalid_quantity";
    public const string ZeroQuantity = "zero_quantity";
    public const string InvalidWeldType = "invalid_weld_type";
    public const string AttributesTooLarge = "attributes_too_large";
    public const string DuplicateIdentityKey = "duplicate_identity_key";
}

/// <summary>The class of a row; for valid rows, its parsed type and quantity.</summary>
/// <param name="Message">The full message with the IMP-003 prefix (null for valid rows).</param>
/// <param name="Detail">The message without the prefix.</param>
public sealed record RowClassification(
    TakeoffRow Row,
    RowClass Class,
    string? Code,
    string? Message,
    string? Detail,
    ComponentType? Type,
    decimal Quantity);

/// <summary>
/// IMP-020..022: classifies the data rows of one takeoff file. Checks run in the IMP-020 table order,
/// the first match wins. Stateful only for IMP-022 (rows seen so far), so one instance serves one file
/// and rows are streamed through <see cref="Classify"/> in file order.
/// </summary>
public sealed class TakeoffRowClassifier
{
    public const int MaxCountedQuantity = 999;
    public const int MaxExtraBytes = 10 * 1024;

    private static readonly string[] WeldTypes = ["BW", "SW", "FW", "TW"];

    // IMP-022: counted + instrument rows by (drawing, size, code) whatever their type; spools and welds by code.
    private readonly Dictionary<string, int> countedRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> spoolRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> weldRows = new(StringComparer.Ordinal);

    /// <summary>IMP-003: every row message starts "Row {n} (line {m}): ".</summary>
    public static string Prefix(int number, int line) =>
        string.Create(CultureInfo.InvariantCulture, $"Row {number} (line {line}): ");

    /// <summary>Classifies a whole file's rows in order.</summary>
    public static List<RowClassification> ClassifyAll(IEnumerable<TakeoffRow> rows)
    {
        var classifier = new TakeoffRowClassifier();
        var result = new List<RowClassification>();
        foreach (var row in rows)
        {
            result.Add(classifier.Classify(row));
        }
        return result;
    }

    /// <summary>IMP-023: importable when there is no column error, no error row and at least one valid row.</summary>
    public static bool CanImport(bool hasColumnErrors, IEnumerable<RowClassification> rows)
    {
        if (hasColumnErrors)
        {
            return false;
        }
        var anyValid = false;
        foreach (var row in rows)
        {
            if (row.Class == RowClass.Error)
            {
                return false;
            }
            anyValid |= row.Class == RowClass.Valid;
        }
        return anyValid;
    }

    public RowClassification Classify(TakeoffRow row)
    {
        if (string.IsNullOrWhiteSpace(row.Drawing))
        {
            return Error(row, RowCodes.EmptyDrawing, "DRAWING is required");
        }
        if (string.IsNullOrWhiteSpace(row.Type))
        {
            return Error(row, RowCodes.MissingRequiredField, "TYPE is required");
        }
        if (string.IsNullOrWhiteSpace(row.CmdtyCode))
        {
            return Error(row, RowCodes.MissingRequiredField, "CMDTY CODE is required");
        }
        if (string.IsNullOrWhiteSpace(row.Qty))
        {
            return Error(row, RowCodes.MissingRequiredField, "QTY is required");
        }
        if (!ComponentTypes.TryParseImport(row.Type, out var type))
        {
            return Result(row, RowClass.Skipped, RowCodes.UnsupportedType, $"type '{row.Type.Trim()}' is not tracked; row skipped");
        }
        if (!decimal.TryParse(row.Qty.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var qty))
        {
            return Error(row, RowCodes.InvalidQuantity, "QTY must be a number");
        }
        if (qty < 0)
        {
            return Error(row, RowCodes.InvalidQuantity, "QTY cannot be negative");
        }
        if (qty == 0)
        {
            return Result(row, RowClass.Skipped, RowCodes.ZeroQuantity, "QTY is 0; row skipped");
        }
        if (decimal.Truncate(qty) != qty && !type.IsAggregate())
        {
            return Error(row, RowCodes.InvalidQuantity, "QTY must be an integer");
        }
        if (qty > MaxCountedQuantity && type.IsCounted())
        {
            return Error(row, RowCodes.InvalidQuantity, $"QTY must be at most 999 for {type.ImportName()}");
        }
        if (type == ComponentType.FieldWeld && !string.IsNullOrWhiteSpace(row.WeldType)
            && Array.IndexOf(WeldTypes, row.WeldType.Trim().ToUpperInvariant()) < 0)
        {
            return Error(row, RowCodes.InvalidWeldType, "weld type must be BW, SW, FW or TW");
        }
        if (ExtraBytes(row.Extras) > MaxExtraBytes)
        {
            return Error(row, RowCodes.AttributesTooLarge, "extra column data exceeds 10 KB");
        }
        var duplicate = CheckDuplicate(row, type);
        if (duplicate is not null)
        {
            return Error(row, RowCodes.DuplicateIdentityKey, duplicate);
        }
        return new RowClassification(row, RowClass.Valid, null, null, null, type, qty);
    }

    /// <summary>IMP-022: the later row gets the error, citing the earlier one. Only valid rows are remembered.</summary>
    private string? CheckDuplicate(TakeoffRow row, ComponentType type)
    {
        var code = ComponentIdentity.NormalizeCode(row.CmdtyCode);
        (Dictionary<string, int>? seen, string key, string what) = type.IdentityKind() switch
        {
            IdentityKind.Spool => (spoolRows, code, "CMDTY CODE"),
            IdentityKind.FieldWeld => (weldRows, code, "CMDTY CODE"),
            IdentityKind.Counted or IdentityKind.Instrument => (countedRows,
                string.Join('|', DrawingNumber.Normalize(row.Drawing), SizeNormalizer.Normalize(row.Size), code),
                "drawing, size and CMDTY CODE"),
            _ => ((Dictionary<string, int>?)null, "", ""), // pipe and threaded pipe aggregate instead (TRK-085)
        };
        if (seen is null)
        {
            return null;
        }
        if (seen.TryGetValue(key, out var earlier))
        {
            return string.Create(CultureInfo.InvariantCulture, $"duplicate of row {earlier}: same {what}");
        }
        seen.Add(key, row.Number);
        return null;
    }

    /// <summary>IMP-020: the size of the extra column data, as UTF-8 bytes of header and value, for non-empty values.</summary>
    public static int ExtraBytes(IReadOnlyDictionary<string, string?>? extras)
    {
        if (extras is null)
        {
            return 0;
        }
        var bytes = 0;
        foreach (var (header, value) in extras)
        {
            if (!string.IsNullOrEmpty(value))
            {
                bytes += Encoding.UTF8.GetByteCount(header) + Encoding.UTF8.GetByteCount(value);
            }
        }
        return bytes;
    }

    private static RowClassification Error(TakeoffRow row, string code, string detail) => Result(row, RowClass.Error, code, detail);

    private static RowClassification Result(TakeoffRow row, RowClass rowClass, string code, string detail) =>
        new(row, rowClass, code, Prefix(row.Number, row.Line) + detail, detail, null, 0);
}
