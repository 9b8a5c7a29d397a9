using System.Text.RegularExpressions;
using MediatR;

namespace Registry.Api.Tests.Architecture;

/// <summary>
/// A use case is a path: every MediatR request of the platform is declared, with its validator and handler, in one file
/// named after it, and that file declares no other request. A newcomer finds <c>SubmitBid</c> in <c>SubmitBid.cs</c>.
/// </summary>
public sealed class UseCaseLayoutTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src");

    private static List<string> RequestNames() =>
        new[] { typeof(Registry.Application.DependencyInjection).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.GetInterfaces()
                .Any(i => i == typeof(IRequest) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))))
            .Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public static TheoryData<string> Requests() => new(RequestNames());

    [Fact]
    public void The_requests_are_found()
    {
        var names = RequestNames();
        Assert.Contains("SubmitBid", names);
        Assert.True(names.Count > 60, string.Join(", ", names));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Each_request_lives_in_a_file_named_after_it_with_its_validator_and_handler(string request)
    {
        var declaration = new Regex($@"\b(record|class)\s+{request}\b(?!\w)");
        var files = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => declaration.IsMatch(File.ReadAllText(f)))
            .ToList();
        var file = Assert.Single(files);
        Assert.Equal(request + ".cs", Path.GetFileName(file));
        var text = File.ReadAllText(file);
        foreach (var companion in new[] { request + "Validator", request + "Handler" })
        {
            var elsewhere = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
                .Where(f => f != file && Regex.IsMatch(File.ReadAllText(f), $@"\bclass\s+{companion}\b"));
            Assert.Empty(elsewhere);
        }
        Assert.Matches($@"\bclass\s+{request}Handler\b", text);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) return dir.FullName;
        throw new InvalidOperationException("Registry.sln not found above " + AppContext.BaseDirectory);
    }
}
