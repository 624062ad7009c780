namespace PipeTrak.Web.Features.Packages;

public enum PackageOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>An expected outcome of a package operation; pages and the API render it their own way.</summary>
public sealed record PackageResult(PackageOutcome Outcome, string Message = "", IReadOnlyDictionary<string, string>? Errors = null, Guid? Id = null)
{
    public static readonly PackageResult NotFound = new(PackageOutcome.NotFound, "The test package does not exist.");

    public bool Succeeded => Outcome == PackageOutcome.Ok;

    public int StatusCode => Outcome switch
    {
        PackageOutcome.Ok => StatusCodes.Status200OK,
        PackageOutcome.NotFound => StatusCodes.Status404NotFound,
        PackageOutcome.Forbidden => StatusCodes.Status403Forbidden,
        PackageOutcome.Invalid => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    public static PackageResult Ok(string message = "", Guid? id = null) => new(PackageOutcome.Ok, message, null, id);

    public static PackageResult Forbidden(string message) => new(PackageOutcome.Forbidden, message);

    public static PackageResult Conflict(string message) => new(PackageOutcome.Conflict, message);

    public static PackageResult Invalid(string field, string message) => new(PackageOutcome.Invalid, message, new Dictionary<string, string> { [field] = message });

    public static PackageResult Invalid(IReadOnlyDictionary<string, string> errors) => new(PackageOutcome.Invalid, errors.Values.First(), errors);
}
