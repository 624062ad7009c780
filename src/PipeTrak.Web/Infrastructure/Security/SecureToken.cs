using System.Security.Cryptography;
using System.Text;

namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>
/// One mechanism for every bearer secret (invitation links, verification and reset links, API
/// tokens): 32 random bytes, base64url without padding (43 characters); only the SHA-256 hex is
/// stored (PPL-051).
/// </summary>
public static class SecureToken
{
    public const int ByteLength = 32;

    public static string Generate(string prefix = "")
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Base64UrlEncode(bytes);
    }

    public static string Hash(string token)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return Convert.ToHexStringLower(digest);
    }

    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(token)),
            Encoding.ASCII.GetBytes(storedHash));

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
