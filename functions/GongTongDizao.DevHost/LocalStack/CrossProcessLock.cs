namespace GongTongDizao.DevHost.LocalStack;

/// <summary>
/// An exclusive lock on a file in the temp folder (FileShare.None is an flock on Linux), so two processes that
/// start at once do not both launch emulators on the same ports.
/// </summary>
internal sealed class CrossProcessLock(FileStream stream) : IAsyncDisposable
{
    public static async Task<CrossProcessLock> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), name + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
