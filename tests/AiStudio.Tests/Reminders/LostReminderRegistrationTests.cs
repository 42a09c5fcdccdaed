using AiStudio.Common;
using AiStudio.Tests.Infrastructure;
using AiStudio.Tests.Videos;
using AiStudio.Videos;
using AiStudio.Webhooks;

namespace AiStudio.Tests.Reminders;

/// <summary>
/// The database can be lost between any two steps of a grain. Work must never be stored without the reminder that
/// resumes it: the reminder is registered first, and a registration that fails leaves nothing changed.
/// </summary>
public sealed class LostReminderRegistrationTests(ReminderFaultFixture fixture) : IClassFixture<ReminderFaultFixture>
{
    [Fact]
    public async Task Generate_whose_reminder_cannot_be_registered_leaves_a_draft_that_can_be_generated_again()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 2);
        fixture.Reminders.RefuseRegistrations(project.Id);

        await Assert.ThrowsAnyAsync<Exception>(() => project.Grain.GenerateAsync());
        Assert.Equal(1, fixture.Reminders.RefusedOf(project.Id));

        Assert.Equal(VideoProjectStatus.Draft, (await project.Grain.GetAsync())!.Status);
        Assert.Empty(fixture.Provider.SubmissionsOf(project.ClipIds));
        var generating = await project.Grain.GenerateAsync();
        Assert.Equal(VideoProjectStatus.Generating, generating.Status);
        await project.WaitForAsync(VideoProjectStatus.Completed);
    }

    [Fact]
    public async Task A_clip_whose_reminder_cannot_be_registered_is_started_again_and_the_video_completes()
    {
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 3);
        var unlucky = project.Clips[1].Id;
        fixture.Reminders.RefuseRegistrations(unlucky);

        await project.Grain.GenerateAsync();
        var completed = await project.WaitForAsync(VideoProjectStatus.Completed);

        Assert.Equal(1, fixture.Reminders.RefusedOf(unlucky));
        Assert.Equal(3, completed.CompletedClipCount);
        Assert.All(await project.GetClipsAsync(), clip => Assert.Equal(ClipStatus.Completed, clip.Status));
        Assert.Single(fixture.Provider.SubmissionsOf([unlucky]));
    }

    [Fact]
    public async Task A_webhook_whose_reminder_cannot_be_registered_is_scheduled_again_and_delivered()
    {
        using var receiver = new Webhooks.WebhookReceiver();
        var project = await VideoScenario.CreateAsync(fixture, clipCount: 1, webhookUrl: receiver.Url, webhookSecret: "drill-secret");
        var webhookId = WebhookDeliveryKeys.For(project.Id, 1);
        fixture.Reminders.RefuseRegistrations(webhookId);

        await project.Grain.GenerateAsync();
        await project.WaitForAsync(VideoProjectStatus.Completed);
        var delivery = await WaitUntil.ValueAsync(
            () => fixture.Client.GetGrain<IWebhookDeliveryGrain>(webhookId).GetAsync(),
            delivery => delivery?.Status == WebhookDeliveryStatus.Delivered,
            "the webhook is delivered",
            TimeSpan.FromSeconds(30));

        Assert.Equal(1, fixture.Reminders.RefusedOf(webhookId));
        Assert.Equal(1, delivery!.Attempts);
        Assert.Single(receiver.Received);
    }
}
