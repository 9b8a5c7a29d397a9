using BenchmarkDotNet.Running;
using Registry.Benchmarks;

// Run by hand, never in CI:  dotnet run -c Release --project tests/Registry.Benchmarks -- --filter '*'
// Results go into docs/performance.md together with the command that produced them.
// `projection-lag` is a load run rather than a BenchmarkDotNet benchmark: commit → projection applied under steady writes.
if (args.FirstOrDefault() == "projection-lag") return await ProjectionLag.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
