namespace GongTongDizao.Testing;

/// <summary>Finds a folder of the repository from a test's output folder (or LocalStack__RepoRoot when built elsewhere).</summary>
public static class RepoFolders
{
    public static string Find(string relative)
    {
        var configured = Environment.GetEnvironmentVariable("LocalStack__RepoRoot");
        foreach (var start in new[] { configured, AppContext.BaseDirectory, Directory.GetCurrentDirectory() }.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate) || File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}; set LocalStack__RepoRoot.");
    }
}
