using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using static PipeTrak.IntegrationTests.Account.AccountTestHelpers;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-016 forgot and reset password.</summary>
public abstract class PasswordResetTests(PipeTrakFactory factory)
{
    private const string InvalidLink = "This password reset link is invalid or has expired. Please request a new one.";

    [Fact]
    public async Task PPL016_forgot_answers_the_same_for_known_and_unknown_emails()
    {
        var user = await factory.CreateUserAsync(null, null, "forgot");
        var unknown = factory.UniqueEmail("nobody");
        using var client = factory.NewClient();

        Assert.Equal($"If an account exists for {user.Email}, we've sent a link to reset the password.", await ForgotAsync(client, user.Email));
        Assert.Equal($"If an account exists for {unknown}, we've sent a link to reset the password.", await ForgotAsync(client, unknown));
        Assert.Single(factory.Mail.To(user.Email));
        Assert.Empty(factory.Mail.To(unknown));
    }

    [Fact]
    public async Task PPL016_beyond_three_requests_per_hour_are_silently_dropped()
    {
        var user = await factory.CreateUserAsync(null, null, "many");
        using var client = factory.NewClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal($"If an account exists for {user.Email}, we've sent a link to reset the password.", await ForgotAsync(client, user.Email));
        }
        Assert.Equal(3, factory.Mail.To(user.Email).Count);

        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await ForgotAsync(client, user.Email);
        Assert.Equal(4, factory.Mail.To(user.Email).Count);
    }

    [Fact]
    public async Task PPL016_reset_ends_every_session_keeps_api_tokens_clears_lockout_and_signs_in()
    {
        var org = await factory.CreateOrganizationAsync();
        var owner = org.Owner;
        using var otherDevice = await factory.SignInAsync(owner);
        using var api = await factory.ApiClientAsync(owner);
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInPostAsync(owner.Email, "Wrong-Password-77");
        }
        await ForgotAsync(client, owner.Email);
        var path = PathOf(factory.Mail.LinkIn(owner.Email, "/account/reset-password"));

        var response = await ResetAsync(client, path, NewPassword, NewPassword);

        Assert.True(response.IsRedirectTo("/"), $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await otherDevice.MeStatusAsync());
        Assert.Equal(HttpStatusCode.OK, await api.MeStatusAsync());
        var lockout = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id).Select(u => new { u.AccessFailedCount, u.LockoutEnd }).SingleAsync());
        Assert.Equal(0, lockout.AccessFailedCount);
        Assert.Null(lockout.LockoutEnd);

        using var fresh = factory.NewClient();
        Assert.True((await fresh.SignInPostAsync(owner.Email, NewPassword)).IsRedirectTo("/"));
        using var old = factory.NewClient();
        Assert.Equal("Invalid email or password", (await (await old.SignInPostAsync(owner.Email, owner.Password)).DocumentAsync()).Summary());
    }

    [Fact]
    public async Task PPL016_reset_link_is_single_use()
    {
        var user = await factory.CreateUserAsync(null, null, "once");
        using var client = factory.NewClient();
        await ForgotAsync(client, user.Email);
        var path = PathOf(factory.Mail.LinkIn(user.Email, "/account/reset-password"));
        Assert.True((await ResetAsync(client, path, NewPassword, NewPassword)).IsRedirectTo("/"));

        using var other = factory.NewClient();
        var (_, doc) = await other.GetPageAsync(path);
        Assert.Equal(InvalidLink, doc.QuerySelector("[data-testid=reset-error]")!.TextContent.Trim());
        Assert.Null(doc.QuerySelector("[data-testid=reset-password-form]"));
    }

    [Fact]
    public async Task PPL016_reset_link_expires_after_60_minutes()
    {
        var user = await factory.CreateUserAsync(null, null, "late");
        using var client = factory.NewClient();
        await ForgotAsync(client, user.Email);
        var path = PathOf(factory.Mail.LinkIn(user.Email, "/account/reset-password"));
        var token = await client.AntiforgeryTokenAsync(path);
        factory.Clock.Advance(TimeSpan.FromMinutes(61));

        var response = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Token"] = new Uri("http://x" + path).Query.Split('=')[1],
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }));

        Assert.Equal(InvalidLink, (await response.DocumentAsync()).QuerySelector("[data-testid=reset-error]")!.TextContent.Trim());
        using var fresh = factory.NewClient();
        Assert.True((await fresh.SignInPostAsync(user.Email, user.Password)).IsRedirectTo("/"));
    }

    [Fact]
    public async Task PPL016_bad_link_shows_the_message()
    {
        using var client = factory.NewClient();
        var (_, doc) = await client.GetPageAsync("/account/reset-password?token=nope");
        Assert.Equal(InvalidLink, doc.QuerySelector("[data-testid=reset-error]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("qwertyui", "qwertyui", "Input.Password", "Password cannot be a keyboard pattern")]
    [InlineData("Spool-Rack-Blue-47", "Spool-Rack-Blue-48", "Input.ConfirmPassword", "Passwords do not match")]
    public async Task PPL016_new_password_follows_PPL002_with_confirmation_and_keeps_the_link(string password, string confirm, string field, string message)
    {
        var user = await factory.CreateUserAsync(null, null, "weak");
        using var client = factory.NewClient();
        await ForgotAsync(client, user.Email);
        var path = PathOf(factory.Mail.LinkIn(user.Email, "/account/reset-password"));

        var response = await ResetAsync(client, path, password, confirm);

        Assert.Equal(message, (await response.DocumentAsync()).FieldError(field));
        Assert.True((await ResetAsync(client, path, NewPassword, NewPassword)).IsRedirectTo("/"));
    }

    [Fact]
    public async Task PPL016_reset_verifies_an_unverified_account()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client, "unv");
        await ForgotAsync(client, email);
        var path = PathOf(factory.Mail.LinkIn(email, "/account/reset-password"));
        Assert.True((await ResetAsync(client, path, NewPassword, NewPassword)).IsRedirectTo("/"));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    private static async Task<string> ForgotAsync(AppClient client, string email)
    {
        var response = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }, "[data-testid=forgot-password-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.DocumentAsync()).QuerySelector("[data-testid=forgot-message]")!.TextContent.Trim();
    }

    private static async Task<HttpResponseMessage> ResetAsync(AppClient client, string path, string password, string confirm)
    {
        var (_, page) = await client.GetPageAsync(path);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Token']")!.Value;
        return await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Input.Token"] = token,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm,
        }, "[data-testid=reset-password-form]");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PasswordResetTests_Sqlite(SqliteFactory factory) : PasswordResetTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PasswordResetTests_Postgres(PostgresFactory factory) : PasswordResetTests(factory);
