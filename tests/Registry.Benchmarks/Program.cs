using BenchmarkDotNet.Running;
using Registry.Benchmarks;
using Registry.Benchmarks.Contention;

// Run by hand, never in CI:  dotnet run -c Release --project tests/Registry.Benchmarks -- --filter '*'
// Latency under contention and write throughput against the real host:  bash infra/bench-contention.sh
// Results go into docs/performance.md together with the command that produced them.
// `projection-lag` is a load run rather than a BenchmarkDotNet benchmark: commit → projection applied under steady writes.
if (args.FirstOrDefault() == "projection-lag") return await ProjectionLag.RunAsync(args[1..]);
if (args is ["contention", .. var rest]) return await ContentionRun.MainAsync(rest);
// `lucene-build [Bigram|SmartCn]` builds the search index prototype of issue 20 and prints its build time, size and recall.
if (args is ["lucene-build", .. var analyzers]) return LuceneBuildReport.Run(analyzers);
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
