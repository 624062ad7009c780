using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PipeTrak.Web.Features.Imports;

/// <summary>
/// IMP-048: the parse made at upload, kept in memory for the confirm of the same import so the stored
/// file is not parsed and classified twice. An entry is used only when the SHA-256 of the stored bytes
/// is the one parsed (otherwise confirm parses again); confirm still compares it with the project as it
/// is then (<see cref="TakeoffAnalysis.Compare"/>, IMP-032). Bounded: entries expire after
/// <see cref="KeepFor"/> and the oldest go when more than <see cref="MaxComponents"/> planned
/// components are held. Another instance, a restart or an eviction only means parsing again.
/// </summary>
public sealed class TakeoffParseCache(TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);
    public const int MaxComponents = 400_000;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Entry> entries = [];

    private sealed record Entry(byte[] Hash, TakeoffParse Parse, int Size, DateTimeOffset Expires);

    public static byte[] Hash(byte[] content) => SHA256.HashData(content);

    public void Store(Guid importId, byte[] hash, TakeoffParse parse)
    {
        var size = Math.Max(1, parse.Plan?.Components.Count ?? 0);
        if (size > MaxComponents)
        {
            return;
        }
        lock (gate)
        {
            Prune();
            entries[importId] = new Entry(hash, parse, size, clock.GetUtcNow() + KeepFor);
            var total = entries.Values.Sum(e => e.Size);
            foreach (var old in entries.OrderBy(e => e.Value.Expires).Select(e => e.Key).ToList())
            {
                if (total <= MaxComponents)
                {
                    break;
                }
                total -= entries[old].Size;
                entries.Remove(old);
            }
        }
    }

    /// <summary>The parse of exactly these stored bytes, if this instance still holds it.</summary>
    public bool TryGet(Guid importId, byte[] hash, [NotNullWhen(true)] out TakeoffParse? parse)
    {
        lock (gate)
        {
            Prune();
            if (entries.TryGetValue(importId, out var entry) && CryptographicOperations.FixedTimeEquals(entry.Hash, hash))
            {
                parse = entry.Parse;
                return true;
            }
        }
        parse = null;
        return false;
    }

    public void Remove(Guid importId)
    {
        lock (gate)
        {
            entries.Remove(importId);
        }
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var id in entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
        {
            entries.Remove(id);
        }
    }
}
