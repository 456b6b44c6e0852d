using GongTongDizao.Bench;

// ./bench.sh calls each part in turn: dotnet GongTongDizao.Bench.dll <api|fanout|startup> [--quick] --out <file.md>
// Each part prints its Markdown section and writes it to --out, where bench.sh assembles docs/performance.md.
var options = BenchOptions.Parse(args);
var section = options.Part switch
{
    "api" => await ApiOverhead.RunAsync(options),
    "fanout" => await FanOut.RunAsync(options),
    "startup" => await StartUp.RunAsync(options),
    _ => throw new ArgumentException($"Unknown part '{options.Part}': expected api, fanout or startup."),
};
Console.WriteLine(section);
if (options.Out is not null)
{
    await File.WriteAllTextAsync(options.Out, section);
}
