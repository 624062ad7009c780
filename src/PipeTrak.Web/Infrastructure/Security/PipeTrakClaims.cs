namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>Claim types. Organization and role are reloaded from the database on every request.</summary>
public static class PipeTrakClaims
{
    public const string UserId = "sub";
    public const string SessionId = "sid";
    public const string Email = "email";
    public const string FullName = "name";
    public const string OrganizationId = "org";
    public const string Role = "role";
    public const string TokenId = "pat";
}
