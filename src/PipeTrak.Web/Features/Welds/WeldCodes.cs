namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-002 weld type.</summary>
public enum WeldType
{
    /// <summary>Butt weld.</summary>
    BW = 1,

    /// <summary>Socket weld.</summary>
    SW,

    /// <summary>Fillet weld.</summary>
    FW,

    /// <summary>Threaded or tack.</summary>
    TW,
}

/// <summary>WLD-002 NDE method.</summary>
public enum NdeType
{
    RT = 1,
    UT,
    PT,
    MT,
    VT,
}

/// <summary>WLD-002 NDE result.</summary>
public enum NdeResult
{
    Pass = 1,
    Fail,
    Pending,
}

/// <summary>WLD-002 weld status: active by default, accepted on PASS, rejected on FAIL.</summary>
public enum WeldStatus
{
    Active = 1,
    Accepted,
    Rejected,
}

/// <summary>
/// WLD-002: codes are stored upper-case (statuses lower-case, as the spec writes them) and accepted in
/// any case, surrounded by any whitespace. Parsing never throws: unknown text gives false.
/// </summary>
public static class WeldCodes
{
    public static bool TryParseWeldType(string? text, out WeldType type) => TryParse(text, out type);

    public static bool TryParseNdeType(string? text, out NdeType type) => TryParse(text, out type);

    public static bool TryParseNdeResult(string? text, out NdeResult result) => TryParse(text, out result);

    public static bool TryParseStatus(string? text, out WeldStatus status) => TryParse(text, out status);

    public static string Code(this WeldType type) => type.ToString();

    public static string Code(this NdeType type) => type.ToString();

    public static string Code(this NdeResult result) => result switch
    {
        NdeResult.Pass => "PASS",
        NdeResult.Fail => "FAIL",
        NdeResult.Pending => "PENDING",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    public static string Code(this WeldStatus status) => status switch
    {
        WeldStatus.Active => "active",
        WeldStatus.Accepted => "accepted",
        WeldStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>WLD-031: the status a recorded result gives (PENDING keeps the weld active).</summary>
    public static WeldStatus StatusFor(NdeResult? result) => result switch
    {
        NdeResult.Pass => WeldStatus.Accepted,
        NdeResult.Fail => WeldStatus.Rejected,
        _ => WeldStatus.Active,
    };

    private static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.All(char.IsAsciiLetter))
        {
            return false; // refuses numbers ("1") and flags ("Pass, Fail") Enum.TryParse would accept
        }
        return Enum.TryParse(trimmed, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
