using System.Security.Cryptography;
using System.Text;

namespace AiStudio.Tests.Webhooks;

/// <summary>Checks a request the way a Standard Webhooks receiver library does, written independently of the sender's code.</summary>
public static class StandardWebhooksVerifier
{
    public static bool IsSignedWith(ReceivedWebhook webhook, byte[] key)
    {
        var signed = $"{webhook.Headers["webhook-id"]}.{webhook.Headers["webhook-timestamp"]}.{webhook.Body}";
        var expected = "v1," + Convert.ToBase64String(new HMACSHA256(key).ComputeHash(Encoding.UTF8.GetBytes(signed)));
        return webhook.Headers["webhook-signature"].Split(' ').Contains(expected);
    }
}
