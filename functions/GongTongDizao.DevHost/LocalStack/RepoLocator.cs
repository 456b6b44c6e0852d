namespace GongTongDizao.DevHost.LocalStack;

internal static class RepoLocator
{
    /// <summary>The folder holding package.json and tools/localstack, found by walking up from the build output.</summary>
    public static string Find(string? configured)
    {
        var start = string.IsNullOrWhiteSpace(configured) ? AppContext.BaseDirectory : configured;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tools", "localstack", "cosmos-emulator.mjs")))
            {
                if (!Directory.Exists(Path.Combine(dir.FullName, "node_modules", "@vercel", "cosmosdb-server")) ||
                    !Directory.Exists(Path.Combine(dir.FullName, "node_modules", "azurite")))
                {
                    throw new LocalStackException($"The emulators' npm packages are not installed: run `npm ci` in {dir.FullName} (./run.sh and ./test.sh do it for you).");
                }

                return dir.FullName;
            }
        }

        throw new LocalStackException($"tools/localstack was not found above {start}; set LocalStack__RepoRoot to the repository folder.");
    }
}
