namespace GongTongDizao.DevHost.LocalStack;

/// <summary>An emulator could not be started or reused; the message says what to do.</summary>
public sealed class LocalStackException : Exception
{
    public LocalStackException()
    {
    }

    public LocalStackException(string message)
        : base(message)
    {
    }

    public LocalStackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
