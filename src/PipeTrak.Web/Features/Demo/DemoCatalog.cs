using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Demo;

/// <summary>A commodity a demo takeoff row can use: code, description, spec and the sizes it comes in.</summary>
public sealed record DemoCommodity(ComponentType Type, string Code, string Description, string Spec, string[] Sizes);

/// <summary>
/// The names and commodities of the demo project: a crude-unit revamp. Plain data, kept apart from
/// the generator so the generator reads as the rules it follows.
/// </summary>
public static class DemoCatalog
{
    public static readonly string[] Areas =
    [
        "Area 100 - Crude Heater", "Area 200 - Atmospheric Column", "Area 300 - Vacuum Unit", "Area 400 - Pipe Rack",
        "Area 500 - Tank Farm", "Area 600 - Utilities", "Area 700 - Flare", "Area 800 - Cooling Water",
    ];

    public static readonly string[] Systems =
    [
        "Crude Feed", "Atmospheric Overhead", "Kerosene Draw", "Diesel Draw", "Atmospheric Residue", "Vacuum Overhead",
        "Steam 150#", "Condensate Return", "Instrument Air", "Fuel Gas", "Cooling Water Supply", "Flare Header",
    ];

    /// <summary>Services that prefix drawing titles, one per system (same index).</summary>
    public static readonly string[] Services =
    [
        "Crude feed", "Overhead vapour", "Kerosene product", "Diesel product", "Residue", "Vacuum overhead",
        "LP steam", "Condensate", "Instrument air", "Fuel gas", "CW supply", "Flare",
    ];

    public static readonly string[] Revisions = ["0", "0", "1", "A", "B", "C"];

    public static readonly string[] LineSizes = ["2\"", "3\"", "4\"", "6\"", "8\"", "10\"", "12\""];

    private static readonly string[] SmallBore = ["1/2\"", "3/4\"", "1\"", "1 1/2\"", "2\""];
    private static readonly string[] Medium = ["2\"", "3\"", "4\"", "6\"", "8\""];
    private static readonly string[] Large = ["4\"", "6\"", "8\"", "10\"", "12\""];

    public static readonly DemoCommodity[] Commodities =
    [
        new(ComponentType.Pipe, "CS-PIPE-S40", "Pipe, CS A106-B, SCH 40, BE", "A1", Medium),
        new(ComponentType.Pipe, "CS-PIPE-STD", "Pipe, CS A106-B, STD WT, BE", "A1", Large),
        new(ComponentType.Pipe, "SS-PIPE-S10S", "Pipe, SS A312-316L, SCH 10S, BE", "S1", Medium),
        new(ComponentType.ThreadedPipe, "CS-PIPE-S80-THD", "Pipe, CS A106-B, SCH 80, threaded", "A2", SmallBore),
        new(ComponentType.ThreadedPipe, "GALV-PIPE-S80-THD", "Pipe, galvanized, SCH 80, threaded", "U1", SmallBore),
        new(ComponentType.Valve, "GATE-150-RF", "Gate valve, 150# RF, CS body, trim 8", "A1", Large),
        new(ComponentType.Valve, "GLOBE-300-RF", "Globe valve, 300# RF, CS body", "A1", Medium),
        new(ComponentType.Valve, "CHECK-800-SW", "Check valve, 800# SW, forged", "A2", SmallBore),
        new(ComponentType.Valve, "BALL-800-SW", "Ball valve, 800# SW, full bore", "A2", SmallBore),
        new(ComponentType.Fitting, "ELL90-LR-BW", "Elbow 90 LR, BW, A234-WPB", "A1", Medium),
        new(ComponentType.Fitting, "ELL45-LR-BW", "Elbow 45 LR, BW, A234-WPB", "A1", Medium),
        new(ComponentType.Fitting, "TEE-EQ-BW", "Tee equal, BW, A234-WPB", "A1", Large),
        new(ComponentType.Fitting, "RED-CONC-BW", "Reducer concentric, BW", "A1", ["4x2", "6x4", "8x6", "3x2"]),
        new(ComponentType.Fitting, "SOL-3000", "Sockolet, 3000#, A105", "A2", ["3/4\"", "1\""]),
        new(ComponentType.Flange, "WN-150-RF", "Flange WN 150# RF, A105", "A1", Large),
        new(ComponentType.Flange, "WN-300-RF", "Flange WN 300# RF, A105", "A1", Medium),
        new(ComponentType.Flange, "BLIND-150-RF", "Blind flange 150# RF, A105", "A1", Medium),
        new(ComponentType.Support, "PS-SHOE-100", "Pipe shoe, 100 mm", "", Large),
        new(ComponentType.Support, "PS-GUIDE-02", "Guide, type 2", "", Medium),
        new(ComponentType.Support, "PS-UBOLT", "U-bolt with nuts", "", SmallBore),
        new(ComponentType.Support, "PS-SPRING-H", "Variable spring hanger", "", Large),
        new(ComponentType.Tubing, "TUBE-SS316-065", "Tubing, SS 316, 0.065 wall", "T1", ["1/4\"", "3/8\"", "1/2\""]),
        new(ComponentType.Hose, "HOSE-SS-BRAID", "Hose, SS braided, 150#", "H1", ["1\"", "2\""]),
        new(ComponentType.MiscComponent, "STRAINER-Y-150", "Y-strainer, 150# RF", "A1", Medium),
        new(ComponentType.MiscComponent, "SPECT-BLIND-150", "Spectacle blind, 150#", "A1", Medium),
        new(ComponentType.MiscComponent, "GASKET-SW-150", "Gasket spiral wound, 150#", "A1", Large),
    ];

    /// <summary>Instrument tags are <c>{prefix}-{line}{letter}</c>: flow, pressure, temperature, level.</summary>
    public static readonly (string Prefix, string Description)[] Instruments =
    [
        ("FT", "Flow transmitter"), ("PT", "Pressure transmitter"), ("TE", "Temperature element"),
        ("PI", "Pressure gauge"), ("LT", "Level transmitter"), ("FV", "Control valve"),
    ];

    public static readonly string[] RetireReasons =
    [
        "Deleted by drawing revision B: line rerouted",
        "Duplicate of another takeoff line, entered twice",
        "Superseded by engineering change EC-0142",
    ];

    public static readonly (string Reason, string? Details)[] Rollbacks =
    [
        ("qc_rejection", "Punch item: missing gasket on flange"),
        ("failed_inspection", "Hydro test leak at the second flange"),
        ("data_entry_error", null),
        ("damage_after_completion", "Crane damaged the support during lift"),
    ];

    /// <summary>WLD-010/011: the project's welders (stencil, name); the last one is not verified yet.</summary>
    public static readonly (string Stencil, string Name)[] Welders =
    [
        ("JS-01", "Jorge Salinas"), ("MK-02", "Mike Kowalski"), ("DT-03", "Dana Thibodeaux"), ("RB-04", "Ray Broussard"),
        ("AL-05", "Ana Lopez"), ("TN-06", "Tuan Nguyen"), ("CW-07", "Carl Whitfield"), ("BH-08", "Bo Hebert"),
    ];

    public const int UnverifiedWelders = 1;

    /// <summary>WLD-001 weld record details of a generated field weld, by line size index (2", 3", 4", 6").</summary>
    public static readonly string[] Schedules = ["80", "40", "40", "STD"];

    public static readonly string[] NdePassNotes = ["RT film reviewed, no recordable indications", "Accepted per ASME B31.3 normal fluid service", "UT clean"];

    public static readonly string[] NdeFailNotes = ["Incomplete fusion at root, 12 mm", "Porosity cluster exceeds B31.3 limits", "Slag inclusion at 4 o'clock"];

    public const string NdePendingNotes = "Film shot, awaiting interpretation";

    public const string ReviewResolvedNote = "Visual inspection OK, released for NDE";

    public const string UnplannedNotes = "Field-added closure weld: spool cut to fit at the tie-in";

    public const string RetireUnplannedReason = "Entered twice by mistake: duplicate of the previous closure weld";

    /// <summary>PKG-040 certificate fields and PKG-054/055 representatives of the demo client.</summary>
    public const string Client = "Gulf Coast Refining LLC";

    public const string ClientSpec = "GCR-PIP-004 Rev 3";

    public const string QcRepresentative = "Quinn Inspector";

    public const string ClientRepresentative = "Marcus Chen";

    public const string ManufacturerRepresentative = "Diane Okafor";

    public const string CoatingSkipReason = "Spools were shop-coated before delivery; no field coating on this package";
}
