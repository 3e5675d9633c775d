package dev.ponder.answer;

import dev.ponder.document.Terms;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.PageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which pages an answer really came from. A section can span pages (the 3000-page ledger's
 * sections span three), but the fact usually sits on one: the pages cited are those of the span
 * that share the most distinctive words of the answer (numbers, codes, names), or the whole span
 * when none does. Without this, a user clicking "p. 2716" would not find the vault combination that
 * is on p. 2718.
 */
final class CitedPages {

    private final LibraryRepository library;

    CitedPages(LibraryRepository library) {
        this.library = library;
    }

    /** The pages to cite for each source, given the finished answer. */
    Function<PromptBuilder.Source, List<Integer>> narrowedTo(String answer) {
        Set<String> answerTerms = Terms.distinctive(answer);
        return source -> narrow(source, answerTerms);
    }

    /**
     * For an answer that cited no label: the candidate sources that share a distinctive word with
     * it. An answer such as "The documents do not say." shares none, so it cites nothing.
     */
    List<PromptBuilder.Source> supporting(String answer, List<PromptBuilder.Source> candidates) {
        Set<String> answerTerms = Terms.distinctive(answer);
        List<PromptBuilder.Source> out = new ArrayList<>();
        for (PromptBuilder.Source s : candidates) {
            if (shared(answerTerms, s.section().text()) > 0) {
                out.add(s);
            }
        }
        return out;
    }

    private List<Integer> narrow(PromptBuilder.Source source, Set<String> answerTerms) {
        if (source.learnedContext()) {
            return learnedContextPages(source.section().text(), answerTerms);
        }
        List<Integer> span = CitationMarkers.span(source);
        if (span.size() == 1 || answerTerms.isEmpty()) {
            return span;
        }
        List<PageText> pages = library.pages(source.section().documentId(), source.section().firstPage(),
                source.section().lastPage());
        int best = 0;
        List<Integer> bestPages = new ArrayList<>();
        for (PageText page : pages) {
            int score = shared(answerTerms, page.text());
            if (score > best) {
                best = score;
                bestPages.clear();
            }
            if (score == best && score > 0) {
                bestPages.add(page.pageNo());
            }
        }
        return bestPages.isEmpty() ? span : List.copyOf(bestPages);
    }

    /**
     * The pages of the c′ lines that share the most distinctive words with the answer: c′ writes
     * each fact with its pages in brackets ("- Warranty: 27 months [p. 1]"). Empty when no line with
     * pages shares a word — a c′ cannot be cited as "the whole document".
     */
    static List<Integer> learnedContextPages(String rendered, Set<String> answerTerms) {
        int best = 0;
        java.util.SortedSet<Integer> bestPages = new java.util.TreeSet<>();
        for (String line : rendered.split("\n")) {
            java.util.regex.Matcher m = PAGES.matcher(line);
            if (!m.find()) {
                continue;
            }
            int score = shared(answerTerms, line.substring(0, m.start()));
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
        return List.copyOf(bestPages);
    }

    /** A c′ line's pages, as {@code LearnedContextRenderer} writes them: " [p. 4]" or " [pp. 3, 5, …]". */
    private static final java.util.regex.Pattern PAGES = java.util.regex.Pattern.compile("\\[pp?\\. ([\\d, …]+)]\\s*$");

    private static int shared(Set<String> answerTerms, String text) {
        Set<String> terms = Terms.of(text);
        terms.retainAll(answerTerms);
        return terms.size();
    }
}
