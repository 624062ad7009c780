using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-011: 5 consecutive failures lock the account 15 minutes; success or reset clears the count.</summary>
public abstract class LockoutTests(PipeTrakFactory factory)
{
    private const string Locked = "Too many failed sign-in attempts. Try again in 15 minutes.";

    [Fact]
    public async Task PPL011_five_failures_lock_even_the_right_password()
    {
        var user = await factory.CreateUserAsync(null, null, "lock");
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInPostAsync(user.Email, "Wrong-Password-77");
        }

        var response = await client.SignInPostAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Locked, (await response.DocumentAsync()).Summary());
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync());
    }

    [Fact]
    public async Task PPL011_four_failures_still_say_invalid_email_or_password()
    {
        var user = await factory.CreateUserAsync(null, null, "four");
        using var client = factory.NewClient();
        for (var i = 0; i < 3; i++)
        {
            await client.SignInPostAsync(user.Email, "Wrong-Password-77");
        }
        var fourth = await client.SignInPostAsync(user.Email, "Wrong-Password-77");
        Assert.Equal("Invalid email or password", (await fourth.DocumentAsync()).Summary());
    }

    [Fact]
    public async Task PPL011_success_before_the_fifth_failure_clears_the_count()
    {
        var user = await factory.CreateUserAsync(null, null, "clear");
        using var client = factory.NewClient();
        for (var i = 0; i < 4; i++)
        {
            await client.SignInPostAsync(user.Email, "Wrong-Password-77");
        }
        Assert.True((await client.SignInPostAsync(user.Email, user.Password)).IsRedirectTo("/"));

        using var second = factory.NewClient();
        for (var i = 0; i < 4; i++)
        {
            await second.SignInPostAsync(user.Email, "Wrong-Password-77");
        }
        Assert.True((await second.SignInPostAsync(user.Email, user.Password)).IsRedirectTo("/"));
    }

    [Fact]
    public async Task PPL011_lock_ends_after_15_minutes()
    {
        var user = await factory.CreateUserAsync(null, null, "unlock");
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInPostAsync(user.Email, "Wrong-Password-77");
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("Too many failed sign-in attempts. Try again in 5 minutes.", (await (await client.SignInPostAsync(user.Email, user.Password)).DocumentAsync()).Summary());

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await client.SignInPostAsync(user.Email, user.Password)).IsRedirectTo("/"));
    }

    [Fact]
    public async Task PPL010_unknown_email_says_invalid_email_or_password()
    {
        using var client = factory.NewClient();
        var response = await client.SignInPostAsync(factory.UniqueEmail("ghost"), "Whatever-Password-1");
        Assert.Equal("Invalid email or password", (await response.DocumentAsync()).Summary());
    }

    [Fact]
    public async Task PPL010_sign_in_is_case_insensitive_on_email_and_honours_local_return_url_only()
    {
        var user = await factory.CreateUserAsync(null, null, "ret");
        using var client = factory.NewClient();
        var local = await client.PostFormAsync("/account/sign-in?returnUrl=%2Faccount%2Fprofile", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email.ToUpperInvariant(),
            ["Input.Password"] = user.Password,
        }, "[data-testid=sign-in-form]");
        Assert.Equal("/account/profile", local.Location());

        using var other = factory.NewClient();
        var external = await other.PostFormAsync("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        }, "[data-testid=sign-in-form]");
        Assert.Equal("/", external.Location());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LockoutTests_Sqlite(SqliteFactory factory) : LockoutTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class LockoutTests_Postgres(PostgresFactory factory) : LockoutTests(factory);
