using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Account;

public abstract class SignInTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL010_wrong_password_says_invalid_email_or_password()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = factory.NewClient();
        var response = await client.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = org.Owner.Email,
            ["Input.Password"] = "not-the-password-1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.DocumentAsync();
        Assert.Contains("Invalid email or password", doc.QuerySelector("[data-testid=validation-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PPL014_sign_out_revokes_the_server_side_session()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);
        var active = await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == org.Owner.Id && s.RevokedAt == null));
        Assert.Equal(1, active);

        var signOut = await client.PostActionAsync("/error/404", "/account/sign-out");

        Assert.True(signOut.IsRedirectTo("/account/sign-in"));
        var stillActive = await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == org.Owner.Id && s.RevokedAt == null));
        Assert.Equal(0, stillActive);
    }

    [Fact]
    public async Task PPL010_every_sign_in_starts_a_new_session()
    {
        var org = await factory.CreateOrganizationAsync();
        using var first = await factory.SignInAsync(org.Owner);
        using var second = await factory.SignInAsync(org.Owner);
        var ids = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == org.Owner.Id).Select(s => s.Id).ToListAsync());
        Assert.Equal(2, ids.Distinct().Count());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInTests_Sqlite(SqliteFactory factory) : SignInTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SignInTests_Postgres(PostgresFactory factory) : SignInTests(factory);
