package dev.ponder.answer;

import dev.ponder.search.Words;
import dev.ponder.store.Citation;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.PageText;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages a finished answer cites, computed once, from its words. Each sentence is read on its own:
 * <ul>
 *   <li>a sentence with source labels ({@code [S2]}) cites those sources, each narrowed to the pages
 *       of its span that share the most words with the sentence (a section of the 3,000-page ledger
 *       spans three pages; the vault combination is on one);</li>
 *   <li>when the model wrote no label at all — small models often do not — each sentence is
 *       attributed to the page of the prompt's sources that shares the most of its words, numbers and
 *       names weighing more ({@link Words#distinctive}), when it shares at least
 *       {@value #MIN_SCORE}; a sentence such as "The documents do not say." cites nothing.</li>
 * </ul>
 * A c′ is cited by the pages its matching facts carry ("- Warranty: 27 months [p. 1]"), never as the
 * whole document. Labels are replaced by page references a person reads ({@link CitationMarkers}).
 */
final class Citations {

    /** Weighted words a sentence must share with a page to be attributed to it: a number, or a name and a word, or three words. */
    static final int MIN_SCORE = 3;

    private static final Pattern LABELS = Pattern.compile("\\[(S\\d+(?:\\s*[,;]\\s*S\\d+)*)]");
    private static final Pattern LABEL = Pattern.compile("S\\d+");
    /** A c′ line's pages, as {@code LearnedContextRenderer} writes them: " [p. 4]" or " [pp. 3, 5, …]". */
    private static final Pattern PAGES = Pattern.compile("\\[pp?\\. ([\\d, …]+)]\\s*$");

    private final LibraryRepository library;

    Citations(LibraryRepository library) {
        this.library = library;
    }

    /** The answer with its labels turned into page references, and the pages it cites, in order of citation. */
    record Cited(String answer, List<Citation> citations) {
    }

    Cited of(String raw, List<Source> sources) {
        Walk walk = walk(raw, sources);
        String rendered = new CitationMarkers(sources, s -> walk.pagesOfLabel().getOrDefault(s.label(), List.of())).renderAll(raw);
        return new Cited(rendered, List.copyOf(walk.cited()));
    }

    /**
     * Each label's pages in the answer so far, narrowed as {@link #of} narrows them, for a label shown
     * while the answer streams: when its bracket closes, the sentence it cites has just been written.
     */
    Map<String, List<Integer>> pagesOfLabels(String rawSoFar, List<Source> sources) {
        return walk(rawSoFar, sources).pagesOfLabel();
    }

    /** The pages cited, and each label's pages, of {@code raw}. */
    private record Walk(Set<Citation> cited, Map<String, List<Integer>> pagesOfLabel) {
    }

    private Walk walk(String raw, List<Source> sources) {
        Map<String, Source> byLabel = new HashMap<>();
        sources.forEach(s -> byLabel.put(s.label(), s));
        Candidates candidates = new Candidates(sources);
        List<String> sentences = sentences(raw);
        boolean labelled = LABELS.matcher(raw).find();
        Set<Citation> cited = new LinkedHashSet<>();
        Map<String, List<Integer>> pagesOfLabel = new HashMap<>();
        String previous = "";
        for (String sentence : sentences) {
            String words = LABELS.matcher(sentence).replaceAll(" ").strip();
            // a label standing alone after a full stop cites the sentence before it
            Map<String, Integer> distinctive = Words.distinctive(words.length() < 3 ? previous : words);
            Matcher m = LABELS.matcher(sentence);
            while (m.find()) {
                Matcher label = LABEL.matcher(m.group(1));
                while (label.find()) {
                    Source s = byLabel.get(label.group());
                    if (s != null) {
                        List<Integer> pages = candidates.narrow(s, distinctive);
                        pages.forEach(p -> cited.add(new Citation(s.documentId(), s.fileName(), p)));
                        pagesOfLabel.merge(label.group(), pages, Citations::union);
                    }
                }
            }
            if (!labelled) {
                candidates.best(distinctive).ifPresent(cited::add);
            }
            previous = words.isEmpty() ? previous : words;
        }
        return new Walk(cited, pagesOfLabel);
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        SortedSet<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The answer's sentences (also "。" and "！" ends), labels kept with the sentence they end. */
    static List<String> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end);
            if (!s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The pages the prompt's sources span, with their words, read once per answer. */
    private final class Candidates {
        private final List<Source> sources;
        private final Map<Long, Map<Integer, Set<String>>> pageWords = new HashMap<>();

        Candidates(List<Source> sources) {
            this.sources = sources;
        }

        /**
         * The pages of {@code source} that share the most of {@code words}; for a section with none,
         * its whole span; for a c′, the pages of its best lines, or none.
         */
        List<Integer> narrow(Source source, Map<String, Integer> words) {
            if (source instanceof Source.LearnedContext c) {
                return learnedContextPages(c.text(), words).map(Scored::pages).orElse(List.of());
            }
            List<Integer> span = span(source);
            if (span.size() == 1 || words.isEmpty()) {
                return span;
            }
            int best = 0;
            List<Integer> bestPages = new ArrayList<>();
            for (Map.Entry<Integer, Set<String>> page : pages(source).entrySet()) {
                int score = Words.overlap(words, page.getValue());
                if (score > best) {
                    best = score;
                    bestPages.clear();
                }
                if (score == best && score > 0) {
                    bestPages.add(page.getKey());
                }
            }
            return bestPages.isEmpty() ? span : List.copyOf(bestPages);
        }

        /** The page of any source sharing the most of {@code words}, when it shares at least {@link #MIN_SCORE}. */
        Optional<Citation> best(Map<String, Integer> words) {
            Citation best = null;
            int bestScore = MIN_SCORE - 1;
            for (Source s : sources) {
                if (s instanceof Source.LearnedContext c) {
                    Optional<Scored> line = learnedContextPages(c.text(), words);
                    if (line.isPresent() && line.get().score() > bestScore) {
                        bestScore = line.get().score();
                        best = new Citation(c.documentId(), c.fileName(), line.get().pages().get(0));
                    }
                    continue;
                }
                for (Map.Entry<Integer, Set<String>> page : pages(s).entrySet()) {
                    int score = Words.overlap(words, page.getValue());
                    if (score > bestScore) {
                        bestScore = score;
                        best = new Citation(s.documentId(), s.fileName(), page.getKey());
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        private Map<Integer, Set<String>> pages(Source s) {
            Map<Integer, Set<String>> ofDocument = pageWords.computeIfAbsent(s.documentId(), d -> new HashMap<>());
            Map<Integer, Set<String>> out = new java.util.TreeMap<>();
            List<Integer> missing = span(s).stream().filter(p -> !ofDocument.containsKey(p)).toList();
            if (!missing.isEmpty()) {
                for (PageText page : library.pages(s.documentId(), missing.get(0), missing.get(missing.size() - 1))) {
                    ofDocument.put(page.pageNo(), Words.of(page.text()));
                }
            }
            for (int p : span(s)) {
                out.put(p, ofDocument.getOrDefault(p, Set.of()));
            }
            return out;
        }
    }

    private static List<Integer> span(Source s) {
        return java.util.stream.IntStream.rangeClosed(s.firstPage(), s.lastPage()).boxed().toList();
    }

    private record Scored(List<Integer> pages, int score) {
    }

    /**
     * The pages of the c′ lines that share the most of {@code words}: c′ writes each fact with its
     * pages in brackets. Empty when no line with pages shares a word.
     */
    static Optional<Scored> learnedContextPages(String rendered, Map<String, Integer> words) {
        int best = 0;
        SortedSet<Integer> bestPages = new TreeSet<>();
        for (String line : rendered.split("\n")) {
            Matcher m = PAGES.matcher(line);
            if (!m.find()) {
                continue;
            }
            int score = Words.overlap(words, Words.of(line.substring(0, m.start())));
            if (score > best) {
                best = score;
                bestPages.clear();
            }
            if (score == best && score > 0) {
                for (String p : m.group(1).split(",")) {
                    String n = p.strip();
                    if (n.matches("\\d+")) {
                        bestPages.add(Integer.valueOf(n));
                    }
                }
            }
        }
        return bestPages.isEmpty() ? Optional.empty() : Optional.of(new Scored(List.copyOf(bestPages), best));
    }
}
