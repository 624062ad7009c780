using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-001 messages and extensions, IMP-002 delimiter, IMP-054 message; TRK-023 effective template.</summary>
public sealed class ImportFileRulesTests
{
    [Theory]
    [InlineData("DRAWING,TYPE,QTY,CMDTY CODE", ',')]
    [InlineData("DRAWING;TYPE;QTY;CMDTY CODE", ';')]
    [InlineData("DRAWING\tTYPE\tQTY\tCMDTY CODE", '\t')]
    [InlineData("DRAWING|TYPE|QTY|CMDTY CODE", '|')]
    [InlineData("\"A,B,C,D\";TYPE;QTY", ';')]          // commas inside quotes do not count
    [InlineData("\"say \"\"a,b\"\"\";X;Y", ';')]       // escaped quotes
    [InlineData("DRAWING", ',')]
    [InlineData("A,B;C", ',')]                          // tie: the earlier candidate
    public void IMP002_delimiter_is_the_most_frequent_outside_quotes(string header, char expected) =>
        Assert.Equal(expected, ImportFileRules.DetectDelimiter(header));

    [Theory]
    [InlineData("takeoff.csv", true)]
    [InlineData("TAKEOFF.XLSX", true)]
    [InlineData("old.xls", true)]
    [InlineData("notes.txt", false)]
    [InlineData("csv", false)]
    [InlineData(null, false)]
    public void IMP001_supported_extensions(string? name, bool supported) =>
        Assert.Equal(supported, ImportFileRules.IsSupportedExtension(name));

    [Fact]
    public void IMP001_messages()
    {
        Assert.Equal("File too large. Maximum 50 MB", ImportFileRules.TooLargeMessage(50));
        Assert.Equal("Too many rows: 200001. Maximum 200000 data rows per file.", ImportFileRules.TooManyRowsMessage(200_001, 200_000));
        Assert.Equal("Unsupported file type. Upload a .csv, .xlsx or .xls file.", ImportFileRules.UnsupportedTypeMessage);
    }

    [Fact]
    public void IMP054_differs_message() =>
        Assert.Equal("Row 4: differs from current data; not changed", ImportFileRules.DiffersMessage(4));

    [Fact]
    public void TRK023_missing_project_rows_fall_back_to_the_default()
    {
        var (rows, usedDefault) = EffectiveTemplate.For(ComponentType.Valve, []);
        Assert.True(usedDefault);
        Assert.Same(DefaultTemplates.For(ComponentType.Valve), rows);
        Assert.True(EffectiveTemplate.For(ComponentType.Valve, null).UsedDefault);
    }

    [Fact]
    public void TRK023_project_rows_win()
    {
        IReadOnlyList<TemplateRow> project = [new TemplateRow("Install", 100, MilestoneKind.Discrete, MilestoneCategory.Install)];
        var (rows, usedDefault) = EffectiveTemplate.For(ComponentType.Valve, project);
        Assert.False(usedDefault);
        Assert.Same(project, rows);
    }
}
