using AiStudio.Files;
using AiStudio.Health;
using AiStudio.Hosting;
using AiStudio.Images;
using AiStudio.Projects;
using AiStudio.ProviderCallbacks;
using AiStudio.Usage;
using AiStudio.Videos;

var builder = WebApplication.CreateBuilder(args);
builder.AddAiStudioApi();
builder.AddAiStudioClusterClient();

var app = builder.Build();
app.UseAiStudioPipeline();
app.MapHealthEndpoints();
app.MapOpenApi();
app.MapFileEndpoints();
app.MapProviderCallbackEndpoints(app.Configuration);
var v1 = app.MapGroup("/v1").RequireAuthorization();
v1.MapProjectEndpoints();
v1.MapImageEndpoints();
v1.MapVideoProjectEndpoints();
v1.MapUsageEndpoints();
app.Run();
