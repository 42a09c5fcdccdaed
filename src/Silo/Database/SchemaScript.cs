using System.Reflection;
using System.Text.RegularExpressions;

namespace AiStudio.Database;

/// <summary>One embedded <c>Database/Scripts/NNN_name.sql</c> script; scripts apply in ascending <see cref="Version"/>.</summary>
internal sealed partial record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>All scripts embedded in this assembly, ordered by version.</summary>
    public static IReadOnlyList<SchemaScript> LoadEmbedded()
    {
        var assembly = typeof(SchemaScript).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            var match = ScriptResourceName().Match(resourceName);
            if (!match.Success)
            {
                continue;
            }

            scripts.Add(new SchemaScript(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resourceName)));
        }

        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema scripts {string.Join(" and ", duplicate.Select(script => script.Name))} share version {duplicate.Key}.");
        }

        return scripts.OrderBy(script => script.Version).ToList();
    }

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded schema script {resourceName} cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Database\.Scripts\.(?<version>\d{3})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptResourceName();
}
