using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-001 limits and refusals, IMP-002 parsing, IMP-003 row numbers.</summary>
public sealed class SpreadsheetReaderTests
{
    private static readonly ImportOptions Defaults = new();

    private static SheetReadResult Csv(string text, string name = "takeoff.csv", ImportOptions? limits = null, Encoding? encoding = null)
    {
        using var stream = new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return SpreadsheetReader.Read(stream, name, limits ?? Defaults);
    }

    [Fact]
    public void IMP002_csv_is_parsed_with_rfc4180_quotes_trimmed_cells_and_dropped_empty_rows()
    {
        var result = Csv(" DRAWING ,TYPE,QTY,CMDTY CODE\r\nP-1,Spool,1,\"SP, \"\"A\"\"\"\r\n,,,\r\n\r\nP-2, Valve ,\"2\",\"multi\nline\"\r\n");
        Assert.Null(result.Error);
        Assert.Equal(["DRAWING", "TYPE", "QTY", "CMDTY CODE"], result.Headers);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("SP, \"A\"", result.Rows[0].Cells[3]);
        Assert.Equal("Valve", result.Rows[1].Cells[1]);
        Assert.Equal("multi\nline", result.Rows[1].Cells[3]);
        // IMP-003: n counts data rows only; m is the spreadsheet line (header = 1, empty rows still take a line).
        Assert.Equal((1, 2), (result.Rows[0].Number, result.Rows[0].Line));
        Assert.Equal((2, 5), (result.Rows[1].Number, result.Rows[1].Line));
        Assert.Equal(',', result.Delimiter);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void IMP002_delimiter_is_detected_from_the_header(char delimiter)
    {
        var d = delimiter.ToString();
        var result = Csv($"DRAWING{d}TYPE{d}QTY{d}CMDTY CODE\nP-1{d}Spool{d}1{d}SP-1\n");
        Assert.Equal(delimiter, result.Delimiter);
        Assert.Equal("SP-1", result.Rows[0].Cells[3]);
    }

    [Fact]
    public void IMP002_utf8_bom_is_skipped_and_invalid_utf8_is_read_as_windows_1252()
    {
        var bom = Csv("\uFEFFDRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,Ü\n");
        Assert.Equal("DRAWING", bom.Headers[0]);
        Assert.Equal("Ü", bom.Rows[0].Cells[3]);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var legacy = Csv("DRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,Stück ½\n", encoding: Encoding.GetEncoding(1252));
        Assert.Equal("Stück ½", legacy.Rows[0].Cells[3]);
    }

    [Theory]
    [InlineData("takeoff.txt")]
    [InlineData("takeoff.pdf")]
    [InlineData("takeoff")]
    public void IMP001_wrong_extension_is_refused(string name) =>
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, Csv("DRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,A\n", name).Error);

    [Fact]
    public void IMP001_content_that_does_not_match_the_extension_is_refused()
    {
        // A CSV named .xlsx, and binary bytes named .csv.
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, Csv("DRAWING,TYPE\nA,B\n", "takeoff.xlsx").Error);
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, Csv("DRAWING,TYPE\nA,B\n", "takeoff.xls").Error);
        using var binary = new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2, 3]);
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, SpreadsheetReader.Read(binary, "takeoff.csv", Defaults).Error);
    }

    [Fact]
    public void IMP001_file_too_large_is_refused_with_the_limit()
    {
        var limits = new ImportOptions { MaxFileMegabytes = 1 };
        var big = "DRAWING,TYPE,QTY,CMDTY CODE\n" + string.Concat(Enumerable.Repeat("P-1,Spool,1,SP-0000000001\n", 50_000));
        Assert.Equal("File too large. Maximum 1 MB", Csv(big, limits: limits).Error);
    }

    [Fact]
    public void IMP001_too_many_rows_counts_every_row()
    {
        var limits = new ImportOptions { MaxRows = 3 };
        var text = "DRAWING,TYPE,QTY,CMDTY CODE\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"P-1,Spool,1,SP-{i}\n"));
        Assert.Equal("Too many rows: 5. Maximum 3 data rows per file.", Csv(text, limits: limits).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n ,, \n")]
    [InlineData("DRAWING,TYPE,QTY,CMDTY CODE\n")]
    [InlineData("DRAWING,TYPE,QTY,CMDTY CODE\n,,,\n\n")]
    public void IMP001_no_header_or_no_data_row_is_empty(string text) =>
        Assert.Equal(ImportFileRules.EmptyFileMessage, Csv(text).Error);

    [Fact]
    public void IMP001_xlsx_first_sheet_is_read_with_dates_and_invariant_numbers()
    {
        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["Material Takeoff"] = new List<Dictionary<string, object>>
            {
                new() { ["DRAWING"] = "P-1", ["TYPE"] = "Pipe", ["QTY"] = 12.5, ["CMDTY CODE"] = "CS-PIPE", ["DATE"] = new DateTime(2026, 3, 4) },
            },
            ["Second"] = new List<Dictionary<string, object>> { new() { ["X"] = "ignored" } },
        };
        stream.SaveAs(sheets);
        stream.Position = 0;
        var result = SpreadsheetReader.Read(stream, "takeoff.XLSX", Defaults);
        Assert.Null(result.Error);
        Assert.Equal(["DRAWING", "TYPE", "QTY", "CMDTY CODE", "DATE"], result.Headers);
        Assert.Equal("P-1|Pipe|12.5|CS-PIPE|2026-03-04", string.Join('|', result.Rows.Single().Cells));
        Assert.Equal((1, 2), (result.Rows[0].Number, result.Rows[0].Line));
    }

    [Fact]
    public void IMP001_corrupt_workbook_is_unreadable()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            writer.Write("not a workbook");
        }
        stream.Position = 0;
        Assert.Equal(ImportFileRules.UnreadableMessage, SpreadsheetReader.Read(stream, "takeoff.xlsx", Defaults).Error);
    }

    [Fact]
    public void IMP001_zip_bomb_is_refused_before_parsing_by_ratio()
    {
        using var stream = ZipWith("xl/worksheets/sheet1.xml", new byte[20 * 1024 * 1024]);
        Assert.Equal(ImportFileRules.UnreadableMessage, SpreadsheetReader.Read(stream, "takeoff.xlsx", Defaults).Error);
    }

    [Fact]
    public void IMP001_zip_bomb_is_refused_before_parsing_by_total_uncompressed_size()
    {
        var noise = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(noise);
        using var stream = ZipWith("xl/worksheets/sheet1.xml", noise);
        Assert.Equal(ImportFileRules.UnreadableMessage, SpreadsheetReader.Read(stream, "takeoff.xlsx", new ImportOptions { MaxUncompressedMegabytes = 2 }).Error);
    }

    private static MemoryStream ZipWith(string name, byte[] content)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            entry.Write(content);
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void TRK016_trigram_similarity_flags_near_identical_drawing_numbers()
    {
        var a = TakeoffAnalysis.Trigrams("P-1001-A");
        Assert.True(TakeoffAnalysis.Similarity(a, TakeoffAnalysis.Trigrams("P-1001-A")) > TakeoffAnalysis.SimilarityThreshold);
        Assert.True(TakeoffAnalysis.Similarity(a, TakeoffAnalysis.Trigrams("Q-77")) < TakeoffAnalysis.SimilarityThreshold);
    }
}
