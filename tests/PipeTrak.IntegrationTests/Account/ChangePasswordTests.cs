using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;
using static PipeTrak.IntegrationTests.Account.AccountTestHelpers;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-017 change password.</summary>
public abstract class ChangePasswordTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL017_change_ends_other_sessions_and_keeps_this_one()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);
        using var otherDevice = await factory.SignInAsync(org.Owner);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await ChangeAsync(client, org.Owner.Password, NewPassword, NewPassword);

        Assert.True(response.IsRedirectTo("/account/profile"), $"{(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await otherDevice.MeStatusAsync());
        Assert.Equal(HttpStatusCode.OK, await api.MeStatusAsync());
        using var fresh = factory.NewClient();
        Assert.True((await fresh.SignInPostAsync(org.Owner.Email, NewPassword)).IsRedirectTo("/"));
    }

    [Theory]
    [InlineData("Wrong-Current-Pass-1", NewPassword, NewPassword, "Input.CurrentPassword", "Current password is incorrect")]
    [InlineData(PipeTrakFactory.Password, PipeTrakFactory.Password, PipeTrakFactory.Password, "Input.NewPassword", "New password must be different from current password")]
    [InlineData(PipeTrakFactory.Password, "short", "short", "Input.NewPassword", "Password must be at least 8 characters")]
    [InlineData(PipeTrakFactory.Password, "Passw0rd!!", "Passw0rd!!", "Input.NewPassword", "Password is too common")]
    [InlineData(PipeTrakFactory.Password, NewPassword, "Spool-Rack-Blue-48", "Input.ConfirmPassword", "Passwords do not match")]
    public async Task PPL017_validation_messages(string current, string next, string confirm, string field, string message)
    {
        var user = await factory.CreateUserAsync(null, null, "chg");
        using var client = await factory.SignInAsync(user);
        using var otherDevice = await factory.SignInAsync(user);

        var response = await ChangeAsync(client, current, next, confirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, (await response.DocumentAsync()).FieldError(field));
        Assert.Equal(HttpStatusCode.OK, await otherDevice.MeStatusAsync());
    }

    [Fact]
    public async Task PPL017_page_requires_sign_in()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/account/change-password");
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ChangeAsync(AppClient client, string current, string next, string confirm) =>
        client.PostFormAsync("/account/change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        }, "[data-testid=change-password-form]");
}

[Collection(SqliteCollection.Name)]
public sealed class ChangePasswordTests_Sqlite(SqliteFactory factory) : ChangePasswordTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ChangePasswordTests_Postgres(PostgresFactory factory) : ChangePasswordTests(factory);
