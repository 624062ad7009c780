namespace PipeTrak.Web.Features.Milestones;

/// <summary>Milestone command events. Ids only.</summary>
public static partial class MilestoneLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Project {ProjectId} has no rules of credit for {Type}: the default template applies (TRK-023)")]
    public static partial void TemplateMissing(ILogger logger, Guid projectId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone update of component {ComponentId} retried after a concurrent change (attempt {Attempt})")]
    public static partial void Retried(ILogger logger, Guid componentId, int attempt);
}
