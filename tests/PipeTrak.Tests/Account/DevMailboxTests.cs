using PipeTrak.Web.Features.Operations;

namespace PipeTrak.Tests.Account;

public sealed class DevMailboxTests
{
    [Fact]
    public void Text_body_is_split_into_text_and_links()
    {
        var parts = DevMailboxModel.Split("Open http://localhost/account/verify?token=abc_-1 now.\nThanks");
        Assert.Equal(3, parts.Count);
        Assert.Equal(new DevMailboxModel.BodyPart("Open ", false), parts[0]);
        Assert.Equal(new DevMailboxModel.BodyPart("http://localhost/account/verify?token=abc_-1", true), parts[1]);
        Assert.False(parts[2].IsLink);
    }
}
