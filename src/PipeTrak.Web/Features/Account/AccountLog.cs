namespace PipeTrak.Web.Features.Account;

/// <summary>Account events. Ids only: never emails, names, passwords or tokens.</summary>
public static partial class AccountLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} registered")]
    public static partial void Registered(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} verified its email")]
    public static partial void Verified(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Purpose} email for account {UserId} not sent: limit reached")]
    public static partial void LinkLimited(ILogger logger, AccountTokenPurpose purpose, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} reset its password; {Sessions} sessions ended")]
    public static partial void PasswordReset(ILogger logger, Guid userId, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} changed its password; {Sessions} other sessions ended")]
    public static partial void PasswordChanged(ILogger logger, Guid userId, int sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserId} locked out after repeated failed sign-ins")]
    public static partial void LockedOut(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {TokenId} created by account {UserId}")]
    public static partial void TokenCreated(ILogger logger, Guid tokenId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {TokenId} revoked by account {UserId}")]
    public static partial void TokenRevoked(ILogger logger, Guid tokenId, Guid userId);
}
