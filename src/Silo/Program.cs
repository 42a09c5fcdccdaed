using AiStudio.Database;
using AiStudio.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
// Orleans' placement pipeline logs every attempt at Information; only its problems are worth a console line.
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.UseOrleans(silo => silo.UseAiStudioCluster(builder.Configuration));
builder.Services.AddAiStudioGrainServices(builder.Configuration);

using var host = builder.Build();

// The providers read their queries from the database at start, so the schema must be in place before the silo starts.
var connectionString = ClusterSettings.FromConfiguration(builder.Configuration).ConnectionString;
var migrationLogger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AiStudio.Database.SchemaMigrator");
await SchemaMigrator.ApplyAsync(connectionString, migrationLogger);

await host.RunAsync();
