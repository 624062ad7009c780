using System.Globalization;

namespace PipeTrak.Web.Features.Imports;

/// <summary>Display helpers shared by the import pages.</summary>
public static class ImportFormat
{
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };

    public static string StatusLabel(string status) => status switch
    {
        "committed" => "Imported",
        "failed" => "Failed",
        _ => "Previewed",
    };

    public static string StatusBadge(string status) => status switch
    {
        "committed" => "text-bg-success",
        "failed" => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public static string CodeLabel(string code) => code.Replace('_', ' ');
}
