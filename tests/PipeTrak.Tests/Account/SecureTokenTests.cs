using System.Text.RegularExpressions;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Tests.Account;

/// <summary>PPL-051 token mechanism, reused by PPL-003/PPL-016 links and BYD-060 API tokens.</summary>
public sealed partial class SecureTokenTests
{
    [Fact]
    public void Token_is_43_url_safe_characters_without_padding()
    {
        var token = SecureToken.Generate();
        Assert.Equal(43, token.Length);
        Assert.Matches(UrlSafe(), token);
    }

    [Fact]
    public void Api_token_is_ptk_prefix_plus_43_characters()
    {
        var token = SecureToken.Generate(ApiToken.Prefix);
        Assert.StartsWith("ptk_", token, StringComparison.Ordinal);
        Assert.Equal(47, token.Length);
        Assert.Matches(UrlSafe(), token[4..]);
    }

    [Fact]
    public void Hash_is_64_lowercase_hex_and_deterministic()
    {
        var token = SecureToken.Generate();
        var hash = SecureToken.Hash(token);
        Assert.Matches(Hex(), hash);
        Assert.Equal(hash, SecureToken.Hash(token));
        Assert.NotEqual(token, hash);
    }

    [Fact]
    public void Hash_of_a_known_value_is_its_sha256() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecureToken.Hash("abc"));

    [Fact]
    public void Tokens_are_distinct()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SecureToken.Generate()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public void Matches_accepts_the_token_and_rejects_another()
    {
        var token = SecureToken.Generate();
        var hash = SecureToken.Hash(token);
        Assert.True(SecureToken.Matches(token, hash));
        Assert.False(SecureToken.Matches(SecureToken.Generate(), hash));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex UrlSafe();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex();
}
