using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>
/// TRK-020: a milestone value is a whole number from 0 to 100, never a boolean, 0/1 or fraction.
/// This type is the only way a value exists in the domain: <see cref="Create"/>/<see cref="TryCreate(int, out MilestoneValue, out string?)"/>
/// validate writes, and <c>Read</c> is the single tolerant reader of stored data (TRK-031).
/// <c>default(MilestoneValue)</c> is 0, which is also what an absent (never set) value counts as.
/// </summary>
[JsonConverter(typeof(MilestoneValueJsonConverter))]
public readonly record struct MilestoneValue : IComparable<MilestoneValue>
{
    public const int Min = 0;
    public const int Max = 100;

    /// <summary>TRK-041 step 5 (exact text).</summary>
    public const string OutOfRangeMessage = "Value must be between 0 and 100";

    public static readonly MilestoneValue Zero;
    public static readonly MilestoneValue Complete = new(100);

    private readonly byte value;

    private MilestoneValue(int value) => this.value = (byte)value;

    /// <summary>The whole number 0-100.</summary>
    public int Value => value;

    public bool IsComplete => value == Max;

    public bool IsZero => value == Min;

    /// <summary>Creates a value for a write; throws when outside 0-100 (use TryCreate for user input).</summary>
    public static MilestoneValue Create(int value) =>
        TryCreate(value, out var result, out var error) ? result : throw new ArgumentOutOfRangeException(nameof(value), value, error);

    /// <summary>TRK-020/TRK-041 step 5: whole numbers 0-100 only.</summary>
    public static bool TryCreate(int value, out MilestoneValue result, [NotNullWhen(false)] out string? error)
    {
        if (value is < Min or > Max)
        {
            result = Zero;
            error = OutOfRangeMessage;
            return false;
        }
        result = new MilestoneValue(value);
        error = null;
        return true;
    }

    /// <summary>
    /// TRK-020/TRK-041 step 5 for numeric input that may carry decimals (API JSON, imports): only a
    /// whole number 0-100 is accepted (<c>50.0</c> is 50, <c>50.5</c> is refused). Fractions are never
    /// rescaled: <c>0.5</c> is refused, never read as 50.
    /// </summary>
    public static bool TryCreate(decimal value, out MilestoneValue result, [NotNullWhen(false)] out string? error)
    {
        if (value is < Min or > Max || decimal.Truncate(value) != value)
        {
            result = Zero;
            error = OutOfRangeMessage;
            return false;
        }
        return TryCreate((int)value, out result, out error);
    }

    /// <summary>TRK-040: the API also accepts <c>true</c>/<c>false</c> as 100/0.</summary>
    public static MilestoneValue FromBoolean(bool done) => done ? Complete : Zero;

    /// <summary>
    /// TRK-031 tolerant reading of stored (possibly legacy) data. Never throws:
    /// <c>true</c>/<c>false</c> (boolean, JSON or text, any case) count as 100/0; a numeric string is
    /// parsed (invariant culture); numbers are clamped to 0-100 and, because a value is a whole number,
    /// rounded half away from zero; <c>null</c>, NaN, infinities and anything else are 0.
    /// Numbers are not rescaled: a legacy <c>1</c> is 1, not 100 (TRK-031 says clamp, not scale).
    /// </summary>
    public static MilestoneValue Read(object? stored) => stored switch
    {
        null => Zero,
        MilestoneValue v => v,
        bool b => FromBoolean(b),
        int i => FromClamped(i),
        long l => FromClamped(l),
        short s => FromClamped(s),
        byte b => FromClamped(b),
        decimal d => FromNumber(d),
        double d => FromNumber(d),
        float f => FromNumber(f),
        string text => Read(text),
        JsonElement json => Read(json),
        _ => Zero,
    };

    /// <summary>TRK-031 for text: "true"/"false" (any case, trimmed) or a number.</summary>
    public static MilestoneValue Read(string? stored)
    {
        if (stored is null)
        {
            return Zero;
        }
        var text = stored.AsSpan().Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return Complete;
        }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return Zero;
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return FromNumber(d);
        }
        // Very large or tiny exponents overflow decimal but still parse as double.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? FromNumber(x) : Zero;
    }

    /// <summary>TRK-031 for JSON storage (values column, offline queue payloads).</summary>
    public static MilestoneValue Read(JsonElement stored) => stored.ValueKind switch
    {
        JsonValueKind.True => Complete,
        JsonValueKind.False => Zero,
        JsonValueKind.Number => stored.TryGetDecimal(out var d) ? FromNumber(d)
            : stored.TryGetDouble(out var x) ? FromNumber(x) : Zero,
        JsonValueKind.String => Read(stored.GetString()),
        _ => Zero,
    };

    private static MilestoneValue FromClamped(long value) =>
        new(value < Min ? Min : value > Max ? Max : (int)value);

    private static MilestoneValue FromNumber(decimal value) =>
        value <= Min ? Zero : value >= Max ? Complete : new MilestoneValue((int)Math.Round(value, MidpointRounding.AwayFromZero));

    private static MilestoneValue FromNumber(double value) =>
        !double.IsFinite(value) ? Zero
        : value <= Min ? Zero
        : value >= Max ? Complete
        : new MilestoneValue((int)Math.Round(value, MidpointRounding.AwayFromZero));

    public int CompareTo(MilestoneValue other) => value.CompareTo(other.value);

    public static bool operator <(MilestoneValue left, MilestoneValue right) => left.value < right.value;

    public static bool operator >(MilestoneValue left, MilestoneValue right) => left.value > right.value;

    public static bool operator <=(MilestoneValue left, MilestoneValue right) => left.value <= right.value;

    public static bool operator >=(MilestoneValue left, MilestoneValue right) => left.value >= right.value;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
