using GongTongDizao.DevHost;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.DevHost.Metadata;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

try
{
    if (args.Contains("--emulators-only"))
    {
        // Used by ./test.sh: one set of emulators for every test process, stopped when this process ends.
        return await EmulatorsOnly.RunAsync(args);
    }

    await using var app = await DevHostApp.CreateAsync(args);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
    Console.WriteLine($"共同缔造 DevHost is ready: {address}/api  (try: curl {address}/api/health ; Ctrl+C stops it and the emulators it started)");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception ex) when (ex is FunctionMetadataException or LocalStackException)
{
    Console.Error.WriteLine($"DevHost cannot start: {ex.Message}");
    return 2;
}
