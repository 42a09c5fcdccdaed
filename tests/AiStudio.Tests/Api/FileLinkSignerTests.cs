using AiStudio.Files;
using Microsoft.AspNetCore.Http;

namespace AiStudio.Tests.Api;

public sealed class FileLinkSignerTests
{
    private const string Key = "ws/ws_1/images/img_abc/original.jpg";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 10, 15, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);

    private FileLinkSigner Signer(string signingKey = "a-signing-key-of-some-length") =>
        new(signingKey, TimeSpan.FromHours(24), _clock);

    private static (string Path, string Exp, string Sig) Parse(string url)
    {
        var uri = new Uri(url);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        return (Uri.UnescapeDataString(uri.AbsolutePath), query["exp"]!, query["sig"]!);
    }

    private static HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("studio.example:8443");
        return context.Request;
    }

    [Fact]
    public void A_link_is_absolute_on_the_requested_host_and_verifies()
    {
        var url = Signer().CreateUrl(Request(), Key);
        var (path, exp, sig) = Parse(url);

        Assert.StartsWith("https://studio.example:8443/files/ws/ws_1/images/img_abc/original.jpg?exp=", url);
        Assert.Equal("/files/" + Key, path);
        Assert.Equal(FileLinkCheck.Valid, Signer().Verify(Key, exp, sig));
    }

    [Fact]
    public void A_link_under_a_public_base_url_keeps_its_path_prefix_and_verifies()
    {
        var url = Signer().CreateUrl("https://studio.example/api/", Key);
        var (path, exp, sig) = Parse(url);

        Assert.Equal("/api/files/" + Key, path);
        Assert.Equal(FileLinkCheck.Valid, Signer().Verify(Key, exp, sig));
    }

    [Fact]
    public void A_link_lives_at_least_the_configured_lifetime_rounded_up_to_the_hour()
    {
        var (_, exp, _) = Parse(Signer().CreateUrl(Request(), Key));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp));

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 11, 0, 0, TimeSpan.Zero), expires);
    }

    [Fact]
    public void A_link_for_another_key_or_expiry_or_with_a_changed_signature_is_tampered()
    {
        var (_, exp, sig) = Parse(Signer().CreateUrl(Request(), Key));
        var flipped = (sig[0] == 'A' ? "B" : "A") + sig[1..];

        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify("ws/ws_2/images/img_abc/original.jpg", exp, sig));
        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify(Key, (long.Parse(exp) + 3600).ToString(), sig));
        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify(Key, exp, flipped));
        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify(Key, exp, "not base64url!"));
        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify(Key, null, sig));
        Assert.Equal(FileLinkCheck.Tampered, Signer().Verify(Key, exp, null));
        Assert.Equal(FileLinkCheck.Tampered, Signer("another-signing-key-entirely").Verify(Key, exp, sig));
    }

    [Fact]
    public void A_link_past_its_expiry_is_expired()
    {
        var (_, exp, sig) = Parse(Signer().CreateUrl(Request(), Key));
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(long.Parse(exp)).AddSeconds(1);

        Assert.Equal(FileLinkCheck.Expired, Signer().Verify(Key, exp, sig));
    }
}
