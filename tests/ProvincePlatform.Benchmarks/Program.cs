using BenchmarkDotNet.Running;

// The micro-benchmarks of the hot paths. Run them all, from the repository root, in Release:
//   dotnet run -c Release --project tests/ProvincePlatform.Benchmarks -- --filter '*'
// A quicker, less precise run adds `--job short`; one class: `--filter '*BookingDecision*'`.
// BenchmarkDotNet prints the summary table and writes its reports to BenchmarkDotNet.Artifacts/ (ignored by git).
BenchmarkSwitcher.FromAssembly(typeof(ProvincePlatform.Benchmarks.Scenarios).Assembly).Run(args);
