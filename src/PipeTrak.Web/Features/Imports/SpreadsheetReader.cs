using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExcelDataReader;

namespace PipeTrak.Web.Features.Imports;

/// <summary>IMP-001 configurable limits (section "Imports").</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    public int MaxFileMegabytes { get; set; } = 50;
    public int MaxRows { get; set; } = 200_000;
    public int MaxUncompressedMegabytes { get; set; } = 500;

    /// <summary>IMP-032: how long an uploaded file is kept for confirm.</summary>
    public int KeepFileHours { get; set; } = 24;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;
    public long MaxUncompressedBytes => MaxUncompressedMegabytes * 1024L * 1024L;
}

/// <summary>One non-empty data row: n (first row after the header = 1), m (header = line 1) and its trimmed cells.</summary>
public sealed record SheetRow(int Number, int Line, string?[] Cells);

/// <summary>The first worksheet (or the CSV) as header and data rows, or the IMP-001 refusal.</summary>
public sealed record SheetReadResult(string? Error, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows, char? Delimiter)
{
    public static SheetReadResult Refused(string error) => new(error, [], [], null);
}

/// <summary>
/// IMP-001/IMP-002: reads .csv, .xlsx and .xls (first worksheet) from a seekable stream, row by row.
/// Refusals: wrong extension or content, too large, too many rows, empty, unreadable or zip bomb.
/// </summary>
public static class SpreadsheetReader
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>A deflated entry expanding more than this many times is treated as a zip bomb.</summary>
    public const int MaxCompressionRatio = 200;

    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static SheetReadResult Read(Stream stream, string fileName, ImportOptions limits)
    {
        if (!ImportFileRules.IsSupportedExtension(fileName))
        {
            return SheetReadResult.Refused(ImportFileRules.UnsupportedTypeMessage);
        }
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }
        if (stream.Length > limits.MaxFileBytes)
        {
            return SheetReadResult.Refused(ImportFileRules.TooLargeMessage(limits.MaxFileMegabytes));
        }
        var head = new byte[8];
        stream.Position = 0;
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".csv" => LooksBinary(stream) ? SheetReadResult.Refused(ImportFileRules.UnsupportedTypeMessage) : ReadCsv(stream, limits),
                ".xlsx" => StartsWith(head, headLength, ZipSignature) ? ReadXlsx(stream, limits) : SheetReadResult.Refused(ImportFileRules.UnsupportedTypeMessage),
                _ => StartsWith(head, headLength, OleSignature) ? ReadWorkbook(stream, limits) : SheetReadResult.Refused(ImportFileRules.UnsupportedTypeMessage),
            };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ExcelDataReader.Exceptions.ExcelReaderException
            or InvalidOperationException or ArgumentException or NotSupportedException or FormatException or IndexOutOfRangeException
            or OverflowException or InvalidCastException or NullReferenceException)
        {
            return SheetReadResult.Refused(ImportFileRules.UnreadableMessage);
        }
    }

    private static bool StartsWith(byte[] head, int length, byte[] signature) =>
        length >= signature.Length && head.AsSpan(0, signature.Length).SequenceEqual(signature);

    /// <summary>A CSV is text: a NUL byte or a workbook signature in the first 8 KB means the content does not match.</summary>
    private static bool LooksBinary(Stream stream)
    {
        var buffer = new byte[8192];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var span = buffer.AsSpan(0, read);
        return span.IndexOf((byte)0) >= 0 || span.StartsWith(ZipSignature) || span.StartsWith(OleSignature);
    }

    // ---- CSV ---------------------------------------------------------------------------------

    private static SheetReadResult ReadCsv(Stream stream, ImportOptions limits)
    {
        // IMP-002: UTF-8 with or without BOM; bytes that are not valid UTF-8 make the file Windows-1252.
        var encoding = IsValidUtf8(stream) ? (Encoding)new UTF8Encoding(false) : Encoding.GetEncoding(1252);
        stream.Position = 0;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var fields = new List<string>();
        var line = 0;
        string? headerText;
        // The header is the first non-empty line; the delimiter is detected on it (IMP-002).
        do
        {
            headerText = ReadRawRecord(reader);
            line++;
        }
        while (headerText is not null && headerText.Trim().Length == 0);
        if (headerText is null)
        {
            return SheetReadResult.Refused(ImportFileRules.EmptyFileMessage);
        }
        var delimiter = ImportFileRules.DetectDelimiter(headerText);
        using (var headerReader = new StringReader(headerText))
        {
            ReadRecord(headerReader, delimiter, fields);
        }
        var headers = fields.Select(f => f.Trim()).ToList();
        var rows = new List<SheetRow>();
        var count = 0;
        while (ReadRecord(reader, delimiter, fields))
        {
            line++;
            Collect(fields, headers.Count, line, ref count, rows, limits);
        }
        return Finish(headers, rows, count, limits, delimiter);
    }

    private static bool IsValidUtf8(Stream stream)
    {
        stream.Position = 0;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[64 * 1024 + 4];
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The text of the next record (newlines inside quotes kept), without its line break; null at the end.</summary>
    private static string? ReadRawRecord(TextReader reader)
    {
        var sb = new StringBuilder();
        var inQuotes = false;
        int c;
        var any = false;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (c == '\n' || c == '\r'))
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                return sb.ToString();
            }
            sb.Append((char)c);
        }
        return any ? sb.ToString() : null;
    }

    /// <summary>RFC 4180: quoted fields may hold delimiters, line breaks and <c>""</c>; CRLF, LF or CR end a record.</summary>
    internal static bool ReadRecord(TextReader reader, char delimiter, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
                continue;
            }
            if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                fields.Add(field.ToString());
                return true;
            }
            else
            {
                field.Append((char)c);
            }
        }
        if (!any)
        {
            return false;
        }
        fields.Add(field.ToString());
        return true;
    }

    // ---- Workbooks ---------------------------------------------------------------------------

    /// <summary>Zip-bomb guard: the declared uncompressed size, and each entry's expansion ratio, are capped before any parsing.</summary>
    private static SheetReadResult ReadXlsx(Stream stream, ImportOptions limits)
    {
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength == 0 ? (entry.Length == 0 ? 0 : long.MaxValue) : entry.Length / entry.CompressedLength;
                if (total > limits.MaxUncompressedBytes || (entry.Length > 1024 * 1024 && ratio > MaxCompressionRatio))
                {
                    return SheetReadResult.Refused(ImportFileRules.UnreadableMessage);
                }
            }
        }
        stream.Position = 0;
        return ReadWorkbook(stream, limits);
    }

    private static SheetReadResult ReadWorkbook(Stream stream, ImportOptions limits)
    {
        using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        var cells = new List<string>();
        List<string>? headers = null;
        var rows = new List<SheetRow>();
        var count = 0;
        var line = 0;
        // IMP-001: only the first worksheet is read.
        while (reader.Read())
        {
            line++;
            cells.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(CellText(reader.GetValue(i)));
            }
            if (headers is null)
            {
                if (cells.TrueForAll(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                headers = cells.Select(c => c.Trim()).ToList();
                continue;
            }
            Collect(cells, headers.Count, line, ref count, rows, limits);
        }
        return headers is null ? SheetReadResult.Refused(ImportFileRules.EmptyFileMessage) : Finish(headers, rows, count, limits, null);
    }

    /// <summary>IMP-002: cells as text; dates become YYYY-MM-DD and numbers use the invariant culture.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // ---- Shared ------------------------------------------------------------------------------

    /// <summary>IMP-002: cells trimmed, entirely empty rows dropped and not counted; rows past the limit are only counted.</summary>
    private static bool Collect(List<string> fields, int width, int line, ref int count, List<SheetRow> rows, ImportOptions limits)
    {
        var empty = true;
        foreach (var f in fields)
        {
            if (!string.IsNullOrWhiteSpace(f))
            {
                empty = false;
                break;
            }
        }
        if (empty)
        {
            return false;
        }
        count++;
        if (count > limits.MaxRows)
        {
            return false;
        }
        var cells = new string?[Math.Max(width, fields.Count)];
        for (var i = 0; i < fields.Count; i++)
        {
            var text = fields[i].Trim();
            cells[i] = text.Length == 0 ? null : text;
        }
        rows.Add(new SheetRow(count, line, cells));
        return true;
    }

    private static SheetReadResult Finish(List<string> headers, List<SheetRow> rows, int count, ImportOptions limits, char? delimiter)
    {
        if (count > limits.MaxRows)
        {
            return SheetReadResult.Refused(ImportFileRules.TooManyRowsMessage(count, limits.MaxRows));
        }
        if (headers.TrueForAll(string.IsNullOrWhiteSpace) || rows.Count == 0)
        {
            return SheetReadResult.Refused(ImportFileRules.EmptyFileMessage);
        }
        return new SheetReadResult(null, headers, rows, delimiter);
    }
}
