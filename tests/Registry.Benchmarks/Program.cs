using BenchmarkDotNet.Running;
using Registry.Benchmarks;

// Run by hand, never in CI:  dotnet run -c Release --project tests/Registry.Benchmarks -- --filter '*'
// Results go into docs/performance.md together with the command that produced them.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
