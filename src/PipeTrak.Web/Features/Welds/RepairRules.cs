using System.Globalization;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-040..043: repairs of a failed weld.</summary>
public static class RepairRules
{
    public const int ChainLimit = 10;
    public const string OnlyFailedMessage = "Only a weld with a FAIL result can be repaired";
    public const string LimitMessage = "Repair limit reached (10). Engineering review required.";

    public static string AlreadyRepaired(string repairNumber) => $"A repair already exists for this weld: {repairNumber}";

    /// <summary>
    /// WLD-041: <c>{parent number}.{d}</c> where d is the new weld's depth in the chain (a repair of an
    /// original has depth 1). <paramref name="parentDepth"/> is 0 for an original weld.
    /// </summary>
    public static string Number(string parentNumber, int parentDepth) =>
        string.Create(CultureInfo.InvariantCulture, $"{parentNumber}.{parentDepth + 1}");

    /// <summary>WLD-040/042 in order: FAIL only, one repair per weld, at most 10 repairs in a chain.</summary>
    public static string? CanRepair(NdeResult? parentResult, string? existingRepairNumber, int parentDepth) =>
        parentResult != NdeResult.Fail ? OnlyFailedMessage
        : existingRepairNumber is not null ? AlreadyRepaired(existingRepairNumber)
        : parentDepth + 1 > ChainLimit ? LimitMessage
        : null;
}
