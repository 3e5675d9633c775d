package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.ImportProgress;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * c′'s output cap pays for the JSON c′ is written in (issue 14): the budget counts the rendered c′'s
 * estimated tokens, the model writes JSON with a dozen or more tokens of syntax per entry. A model
 * bound by the schema that writes c′ (or a digest) to its budget — every list at the schema's cap, each
 * entry as long as the budget allows ({@link #writtenToBudget}) — fits its output cap in one call,
 * against the test server, which counts tokens by {@link TestTokens} (a real tokenizer is not here:
 * it merges <code>{"</code> and <code>":</code> into one token each, so it counts this syntax lower).
 */
class LearnedContextOutputCapTest {

    /** c′ entries at the schema's caps: key facts, inferences, timeline. */
    private static final int[] CONTEXT_LISTS = {LearnedContextStep.MAX_FACTS, LearnedContextStep.MAX_INFERENCES,
            LearnedContextStep.MAX_TIMELINE};
    private static final int[] DIGEST_LISTS = {LearnedContextStep.MAX_DIGEST_FACTS,
            LearnedContextStep.MAX_DIGEST_INFERENCES, LearnedContextStep.MAX_TIMELINE};

    /** Words an entry has at least. */
    private static final int MIN_WORDS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"us-constitution-bill-of-rights.pdf", "hausarbeit-jura-de.pdf"})
    void aLearnedContextWrittenToItsBudgetFitsItsOutputCapInOneCall(String file) throws Exception {
        try (SleepTimeHarness h = new SleepTimeHarness(dir)) {
            ImportOutcome outcome = new DocumentImporter(h.library, new HashingEmbedder())
                    .importFile(Path.of("sample-docs", file), Optional.empty(), ImportProgress.NONE);
            long id = assertInstanceOf(ImportOutcome.Imported.class, outcome).document().id();
            h.model.override(ScriptedSleepModel.Task.LEARNED_CONTEXT, r -> writtenToBudget(r, CONTEXT_LISTS));

            assertTrue(h.service().think(id).get(120, TimeUnit.SECONDS).ready(), "ready");

            List<RecordedRequest> asked = h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT);
            int budget = LearnedContextStep.budgetTokens(asked.get(0).numCtx().orElseThrow());
            int cap = LearnedContextStep.outputCap(budget);
            for (RecordedRequest r : asked) {
                assertEquals(cap, r.numPredict().orElseThrow(), "every c′ call is asked with the cap, none re-asked larger");
            }
            assertEquals(0, h.sleep.callOutcomes(id).getOrDefault(SleepCallEntry.Outcome.CUT_OFF, 0), "nothing was cut off");
            LearnedContextEntry c = h.learned.latestLearnedContext(id).orElseThrow();
            assertTrue(c.renderedTokens() >= budget * 9 / 10, "the rendered c′ fills its budget: " + c.renderedTokens());
            String json = writtenToBudget(asked.get(asked.size() - 1), CONTEXT_LISTS);
            System.out.printf("%s: c′ written to its budget of %d: %d JSON tokens (test server) for %d rendered "
                            + "(estimated), %.2f JSON tokens per rendered token; cap %d; %d c′ calls, none cut off%n", file,
                    budget, TestTokens.count(json), c.renderedTokens(), (double) TestTokens.count(json) / c.renderedTokens(),
                    cap, asked.size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {384, 512, 1_024, 1_536, 2_048})
    void aLearnedContextOrADigestWrittenToAnyBudgetFitsItsCap(int budget) throws Exception {
        String notes = notesPrompt();
        String context = writtenToBudget(notes, budget, CONTEXT_LISTS);
        String digest = writtenToBudget(notes, budget, DIGEST_LISTS);
        assertTrue(rendered(LearnedContextJson.readModel(ScriptedSleepModel.JSON.readTree(context), 1000).orElseThrow())
                >= budget * 9 / 10, "the c′ fills its budget");
        LearnedContext read = LearnedContextJson.readModel(ScriptedSleepModel.JSON.readTree(context), 1000).orElseThrow();
        int entries = read.keyFacts().size() + read.inferences().size() + read.timeline().size();
        System.out.printf("budget %d: c′ of %d entries, %d JSON tokens (test server), %d of them syntax (%.1f per entry); "
                        + "cap %d%n", budget, entries, TestTokens.count(context), TestTokens.count(context) - textTokens(read),
                (double) (TestTokens.count(context) - textTokens(read)) / entries, LearnedContextStep.outputCap(budget));
        assertTrue(TestTokens.count(context) <= LearnedContextStep.outputCap(budget),
                "c′: " + TestTokens.count(context) + " tokens > cap " + LearnedContextStep.outputCap(budget));
        assertTrue(TestTokens.count(digest) <= LearnedContextStep.digestOutputCap(budget),
                "digest: " + TestTokens.count(digest) + " tokens > cap " + LearnedContextStep.digestOutputCap(budget));
    }

    @ParameterizedTest
    @ValueSource(ints = {800, 2_304, 3_040})
    void theScriptedModelWritingToItsCapFillsItWithoutPassingIt(int cap) throws Exception {
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            notes.append(notesPrompt());
        }
        for (int maxItems : new int[] {LearnedContextStep.MAX_FACTS, 400}) {
            String written = ScriptedSleepModel.context(notes.toString(), 400, maxItems, cap);
            int tokens = TestTokens.count(written);
            assertTrue(tokens <= cap && tokens > cap - 60, tokens + " tokens for a cap of " + cap);
            assertTrue(ScriptedSleepModel.JSON.readTree(written).get("key_facts").size() <= maxItems, "within the schema");
        }
        assertEquals(ScriptedSleepModel.KEY_FACTS, ScriptedSleepModel.JSON.readTree(ScriptedSleepModel.context(
                notes.toString(), ScriptedSleepModel.KEY_FACTS, LearnedContextStep.MAX_FACTS, cap)).get("key_facts").size(), "by default the c′ is short");
    }

    private static int textTokens(LearnedContext c) {
        int t = TestTokens.count(c.summary());
        for (LearnedContext.Point p : c.keyFacts()) {
            t += TestTokens.count(p.text());
        }
        for (LearnedContext.Point p : c.inferences()) {
            t += TestTokens.count(p.text());
        }
        for (LearnedContext.TimelineEntry e : c.timeline()) {
            t += TestTokens.count(e.when()) + TestTokens.count(e.what());
        }
        return t;
    }

    /** Lines of notes the way a c′ prompt quotes them, from the constitution's opening sentences. */
    private static String notesPrompt() {
        String[] sentences = {"We the People of the United States, in Order to form a more perfect Union, establish Justice.",
                "All legislative Powers herein granted shall be vested in a Congress of the United States.",
                "No Person shall be a Representative who shall not have attained to the Age of twenty five Years.",
                "The Senate of the United States shall be composed of two Senators from each State, for six Years.",
                "The executive Power shall be vested in a President of the United States of America."};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences.length; i++) {
            sb.append("p.").append(i + 1).append(" fact: ").append(sentences[i]).append('\n');
        }
        return sb.toString();
    }

    private static String writtenToBudget(RecordedRequest r, int[] lists) {
        return writtenToBudget(r.lastUserMessage().orElseThrow(), LearnedContextStep.budgetTokens(r.numCtx().orElseThrow()),
                lists);
    }

    /**
     * c′ (or a digest) as a model bound by the schema writes it to its budget: every list at its cap
     * ({@code lists}: key facts, inferences, timeline), each entry, and the summary, as many words of the
     * notes quoted in {@code user} as keep the rendered c′ within {@code budget} estimated tokens.
     */
    static String writtenToBudget(String user, int budget, int[] lists) {
        List<String[]> words = new ArrayList<>();
        for (String[] line : ScriptedSleepModel.noteLines(user)) {
            for (String w : line[2].split("\\s+")) {
                words.add(new String[] {w, line[0]});
            }
        }
        // a small budget holds fewer entries of a few words than the schema allows: the model writes fewer
        int[] n = lists.clone();
        while (rendered(context(words, MIN_WORDS, n)) > budget && n[0] > 1) {
            int largest = n[0] >= n[1] && n[0] >= n[2] ? 0 : n[1] >= n[2] ? 1 : 2;
            n[largest]--;
        }
        int lo = MIN_WORDS;
        int hi = 400;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (rendered(context(words, mid, n)) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return json(context(words, lo, n));
    }

    private static int rendered(LearnedContext c) {
        return LearnedContextRenderer.render("document.pdf", c, Integer.MAX_VALUE / 2).tokens();
    }

    /** Entries of {@code length} words each, taken in turn from {@code words}, each with the page of its first word. */
    private static LearnedContext context(List<String[]> words, int length, int[] lists) {
        int[] next = {0};
        java.util.function.Supplier<LearnedContext.Point> point = () -> {
            StringBuilder sb = new StringBuilder();
            int page = Integer.parseInt(words.get(next[0] % words.size())[1]);
            for (int i = 0; i < length; i++) {
                sb.append(i == 0 ? "" : " ").append(words.get(next[0]++ % words.size())[0]);
            }
            return new LearnedContext.Point(sb.toString(), List.of(page));
        };
        String summary = point.get().text();
        List<LearnedContext.Point> facts = new ArrayList<>();
        List<LearnedContext.Point> inferences = new ArrayList<>();
        List<LearnedContext.TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < lists[0]; i++) {
            facts.add(point.get());
        }
        for (int i = 0; i < lists[1]; i++) {
            inferences.add(point.get());
        }
        for (int i = 0; i < lists[2]; i++) {
            LearnedContext.Point p = point.get();
            int space = p.text().indexOf(' ');
            timeline.add(new LearnedContext.TimelineEntry(space < 0 ? "" : p.text().substring(0, space),
                    space < 0 ? p.text() : p.text().substring(space + 1), p.pages()));
        }
        return new LearnedContext(summary, facts, inferences, timeline, List.of());
    }

    /** The JSON the model writes: the schema's shape, compact. */
    private static String json(LearnedContext c) {
        ObjectNode root = ScriptedSleepModel.JSON.createObjectNode().put("summary", c.summary());
        ArrayNode facts = root.putArray("key_facts");
        c.keyFacts().forEach(p -> facts.addObject().put("fact", p.text()).set("pages", pages(p.pages())));
        ArrayNode inferences = root.putArray("inferences");
        c.inferences().forEach(p -> inferences.addObject().put("inference", p.text()).set("pages", pages(p.pages())));
        ArrayNode timeline = root.putArray("timeline");
        c.timeline().forEach(e -> timeline.addObject().put("when", e.when()).put("what", e.what())
                .set("pages", pages(e.pages())));
        return root.toString();
    }

    private static ArrayNode pages(List<Integer> pages) {
        ArrayNode out = ScriptedSleepModel.JSON.createArrayNode();
        pages.forEach(out::add);
        return out;
    }
}
