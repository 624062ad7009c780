namespace PipeTrak.Web.Features.Manhours;

/// <summary>Manhour budget events. Ids and counts only.</summary>
public static partial class ManhourLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Budget v{Number} of project {ProjectId} distributed over {Count} components with {Warnings} warnings")]
    public static partial void Distributed(ILogger logger, Guid projectId, int number, int count, int warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget change of project {ProjectId} retried after a concurrent change (attempt {Attempt})")]
    public static partial void Retried(ILogger logger, Guid projectId, int attempt);
}
