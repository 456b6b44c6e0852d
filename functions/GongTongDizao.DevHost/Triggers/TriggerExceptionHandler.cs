using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Replaces the SDK's handler, which rethrows a listener's unhandled exception (a storage error while polling, a
/// function timeout) on a new thread and so ends the whole process. The Functions host instead logs it and restarts
/// its job host; this hands it to the <see cref="TriggerHost"/>, which does the same.
/// </summary>
internal sealed class TriggerExceptionHandlerFactory(Action<Exception> onFailure) : IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) => new Handler(onFailure);

    private sealed class Handler(Action<Exception> onFailure) : IWebJobsExceptionHandler
    {
        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            ArgumentNullException.ThrowIfNull(exceptionInfo);
            onFailure(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            ArgumentNullException.ThrowIfNull(exceptionInfo);
            onFailure(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }
    }
}
