using AiStudio.Auth;

namespace AiStudio.Tests.Api;

public sealed class ApiKeysOptionsValidatorTests
{
    private static ApiKeyEntry Entry(string key = "some-key", string workspace = "ws_1", string user = "user_1") =>
        new() { Key = key, WorkspaceId = workspace, UserId = user };

    [Fact]
    public void Well_formed_keys_are_accepted()
    {
        var result = new ApiKeysOptionsValidator().Validate(null, new ApiKeysOptions { Keys = [Entry(), Entry("other-key", "ws_2")] });
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Start_up_fails_without_any_key()
    {
        Assert.True(new ApiKeysOptionsValidator().Validate(null, new ApiKeysOptions()).Failed);
    }

    [Theory]
    [InlineData("", "ws_1", "user_1")]
    [InlineData("k", "", "user_1")]
    [InlineData("k", "ws/../other", "user_1")]
    [InlineData("k", "ws_1", "")]
    public void Start_up_fails_on_an_empty_key_or_an_unsafe_identifier(string key, string workspace, string user)
    {
        Assert.True(new ApiKeysOptionsValidator().Validate(null, new ApiKeysOptions { Keys = [Entry(key, workspace, user)] }).Failed);
    }

    [Fact]
    public void Start_up_fails_when_one_key_is_configured_twice()
    {
        Assert.True(new ApiKeysOptionsValidator().Validate(null, new ApiKeysOptions { Keys = [Entry(), Entry(workspace: "ws_2")] }).Failed);
    }
}
