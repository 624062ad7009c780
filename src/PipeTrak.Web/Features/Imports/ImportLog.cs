namespace PipeTrak.Web.Features.Imports;

/// <summary>Import logs: ids and counts only (no file contents, no personal data).</summary>
public static partial class ImportLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Import file refused for project {ProjectId}: {Reason}")]
    public static partial void Refused(ILogger logger, Guid projectId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} committed for project {ProjectId}: {Created} created, {Updated} updated, {Skipped} skipped in {DurationMs} ms")]
    public static partial void Committed(ILogger logger, Guid projectId, Guid importId, int created, int updated, int skipped, long durationMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import {ImportId} phase {Phase} done at {ElapsedMs} ms")]
    public static partial void Phase(ILogger logger, Guid importId, string phase, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} for project {ProjectId} failed and was rolled back")]
    public static partial void CommitFailed(ILogger logger, Guid projectId, Guid importId, Exception exception);
}
