namespace GongTongDizao.Core.Telemetry;

/// <summary>
/// Where the app's custom events go: Application Insights in the Functions app, the log in the DevHost. Callers use
/// <see cref="AppEvents"/>, which holds the event names and dimension keys the workbook and the alerts read.
/// </summary>
public interface IAppTelemetry
{
    /// <summary>One custom event; the properties are ids, codes and numbers only, never personal data.</summary>
    void TrackEvent(string name, IReadOnlyDictionary<string, string> properties);
}
