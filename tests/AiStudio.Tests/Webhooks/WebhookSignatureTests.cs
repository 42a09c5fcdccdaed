using System.Text;
using AiStudio.Webhooks;

namespace AiStudio.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void A_whsec_secret_signs_as_the_Standard_Webhooks_reference_vector()
    {
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void A_raw_secret_is_used_as_its_UTF8_bytes()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("workspace-secret"), WebhookSignature.KeyOf("workspace-secret"));
        Assert.Equal(Encoding.UTF8.GetBytes("whsec_not base64!"), WebhookSignature.KeyOf("whsec_not base64!"));
    }
}
