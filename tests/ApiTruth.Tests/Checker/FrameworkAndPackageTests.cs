using ApiTruth.Checker.Findings;

namespace ApiTruth.Tests.Checker;

/// <summary>Framework-dependent APIs, extension methods without their using, types of transitive dependencies.</summary>
[Collection(CheckerCollection.Name)]
public sealed class FrameworkAndPackageTests(CheckerFixture fixture)
{
    private const string Linq = """
        var words = new List<string> { "a", "b", "a" };
        var chunks = words.Chunk(2);
        var counts = words.CountBy(w => w);
        """;

    [Fact]
    public async Task Chunk_exists_on_net6_but_CountBy_does_not()
    {
        var report = await fixture.CheckAsync(Linq, "net6.0");
        Assert.Equal("net6.0", report.Framework);
        var chunk = report.At(2, "Chunk");
        Assert.Equal(Verdict.Exists, chunk.Verdict);
        Assert.Equal("M:System.Linq.Enumerable.Chunk``1(System.Collections.Generic.IEnumerable{``0},System.Int32)", chunk.Symbol);
        Assert.Equal("extension method", chunk.Kind);
        Assert.Equal(Verdict.Missing, report.At(3, "CountBy").Verdict);
    }

    [Fact]
    public async Task CountBy_exists_on_net9()
    {
        var report = await fixture.CheckAsync(Linq, "net9.0");
        Assert.Equal(Verdict.Exists, report.At(3, "CountBy").Verdict);
        Assert.Empty(report.Problems());
    }

    [Fact]
    public async Task Extension_methods_are_found_without_their_using()
    {
        // No `using Dapper;`: QueryAsync on a DbConnection is Dapper's extension method.
        var report = await fixture.CheckAsync("""
            using System.Data.Common;

            public static class Repo
            {
                public static Task<IEnumerable<int>> Ids(DbConnection db) => db.QueryAsync<int>("select id from t");
                public static Task<IEnumerable<int>> Bad(DbConnection db) => db.QueryEverythingAsync<int>("select id from t");
            }
            """, "net8.0", "Dapper@2.1.66");
        var query = report.At(5, "QueryAsync");
        Assert.Equal(Verdict.Exists, query.Verdict);
        Assert.StartsWith("M:Dapper.SqlMapper.QueryAsync``1(System.Data.IDbConnection,", query.Symbol, StringComparison.Ordinal);
        Assert.Equal(Verdict.Missing, report.At(6, "QueryEverythingAsync").Verdict);
        Assert.Contains(report.Notes, n => n.Contains("added using Dapper", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Types_of_a_transitive_dependency_exist_and_name_their_package()
    {
        // Pinned: the console logger. ILogger and LogInformation come from Microsoft.Extensions.Logging.Abstractions,
        // a dependency of a dependency.
        var report = await fixture.CheckAsync("""
            using Microsoft.Extensions.Logging;
            using var factory = LoggerFactory.Create(b => b.AddConsole());
            ILogger logger = factory.CreateLogger("demo");
            logger.LogInformation("hello {Name}", "you");
            """, "net8.0", "Microsoft.Extensions.Logging.Console@8.0.1");
        Assert.Empty(report.Problems());
        var ilogger = report.At(3, "ILogger");
        Assert.Equal("Microsoft.Extensions.Logging.Abstractions", ilogger.Package);
        Assert.Contains(report.Packages, p => p.Id == "Microsoft.Extensions.Logging.Abstractions" && p.IsTransitive);
        Assert.Equal("Microsoft.Extensions.Logging.Console", report.At(2, "AddConsole").Package);
    }
}
