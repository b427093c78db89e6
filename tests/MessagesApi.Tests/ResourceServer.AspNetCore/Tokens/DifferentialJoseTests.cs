using System.Net;
using MessagesApi.Tests.Fixtures;
using static MessagesApi.Tests.Fixtures.DifferentialCorpus;

namespace MessagesApi.Tests;

/// <summary>The API and an independent JOSE library (panva's jose, npm) judge the same few thousand mutated tokens
/// (differential/generate.mjs, seeded) under the documented policy (differential/verify.mjs): they must agree on every
/// one, except on the mutations differential/DIFFERENCES.md lists, each with why.</summary>
public sealed class DifferentialJoseTests(DifferentialJoseTests.Run run) : IClassFixture<DifferentialJoseTests.Run>
{
    [DifferentialFact]
    public async Task Every_generated_token_gets_the_verdict_jose_gives_under_the_documented_policy_unless_DIFFERENCES_md_lists_it()
    {
        var corpus = await run.CorpusAsync();
        var listed = ListedDifferences();

        var unlisted = corpus.Cases.Where(c => !c.Agrees && !(listed.TryGetValue(c.Mutation, out var jose) && jose == c.Jose)).ToList();

        unlisted.Should().BeEmpty("the API and jose disagree on these mutations:\n{0}", Describe(unlisted));
    }

    [DifferentialFact]
    public async Task Every_generated_token_is_answered_200_or_401()
    {
        var corpus = await run.CorpusAsync();

        var other = corpus.Cases.Where(c => c.Status is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized)).ToList();

        other.Should().BeEmpty("anything a client sends is a 401 at worst:\n{0}", Describe(other));
    }

    [DifferentialFact]
    public async Task Every_difference_DIFFERENCES_md_lists_still_occurs()
    {
        var corpus = await run.CorpusAsync();

        var stale = ListedDifferences().Where(listed => !corpus.Cases.Any(c => c.Mutation == listed.Key && c.Jose == listed.Value && !c.Agrees))
            .Select(listed => listed.Key).ToList();

        stale.Should().BeEmpty("a listed difference the API no longer shows should leave DIFFERENCES.md");
    }

    [DifferentialFact]
    public async Task The_corpus_is_thousands_of_tokens_covering_every_mutation_with_both_verdicts()
    {
        var corpus = await run.CorpusAsync();

        (corpus.Cases.Count, corpus.Cases.Count(c => c.Jose == JoseVerdict.Accepts) > 500, corpus.Cases.Count(c => c.Jose == JoseVerdict.Refuses) > 500)
            .Should().Be((Count, true, true));
        corpus.Cases.Count(c => c.Jose == JoseVerdict.Either).Should().BeLessThan(20, "only a token checked across its own expiry second has no single verdict");
        ListedDifferences().Keys.Should().BeSubsetOf(corpus.Cases.Select(c => c.Mutation), "DIFFERENCES.md names mutations generate.mjs makes");
    }

    private static string Describe(IEnumerable<Case> cases) => string.Join('\n', cases
        .GroupBy(c => (c.Mutation, c.Jose, c.Status))
        .OrderBy(group => group.Key.Mutation, StringComparer.Ordinal)
        .Select(group =>
        {
            var example = group.First();
            return $"- {group.Key.Mutation}: jose {group.Key.Jose.ToString().ToLowerInvariant()} ({example.JoseReason ?? "valid"}), "
                + $"the API answered {(int)group.Key.Status} ({example.ApiReason ?? "no challenge"}) ×{group.Count()}; e.g. #{example.Id} {example.Decoded()}";
        }));

    /// <summary>The corpus, generated and judged once for the class, by the first test that asks.</summary>
    public sealed class Run
    {
        private readonly Lazy<Task<DifferentialCorpus>> _corpus = new(DifferentialCorpus.RunAsync);

        public Task<DifferentialCorpus> CorpusAsync() => _corpus.Value;
    }
}
