using AiStudio.Auth;
using Microsoft.Extensions.Options;

namespace AiStudio.Tests.Api;

public sealed class ApiKeyRegistryTests
{
    private static readonly ApiKeyRegistry Registry = new(Options.Create(new ApiKeysOptions
    {
        Keys =
        [
            new ApiKeyEntry { Key = "key-of-alpha-0123456789", WorkspaceId = "ws_alpha", UserId = "user_a" },
            new ApiKeyEntry { Key = "key-of-beta-0123456789", WorkspaceId = "ws_beta", UserId = "user_b" },
        ],
    }));

    [Fact]
    public void A_registered_key_finds_its_own_workspace_and_user()
    {
        Assert.Equal(new Caller("ws_alpha", "user_a"), Registry.Find("key-of-alpha-0123456789"));
        Assert.Equal(new Caller("ws_beta", "user_b"), Registry.Find("key-of-beta-0123456789"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("key-of-alpha")]
    [InlineData("key-of-alpha-01234567890")]
    [InlineData("KEY-OF-ALPHA-0123456789")]
    [InlineData("key-of-alpha-0123456789 ")]
    public void A_wrong_or_empty_key_finds_no_caller(string presented)
    {
        Assert.Null(Registry.Find(presented));
    }
}
