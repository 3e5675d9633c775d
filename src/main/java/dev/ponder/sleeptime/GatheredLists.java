package dev.ponder.sleeptime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gathers the "item" notes of all sections into lists and counts them in code: small local models
 * miscount across hundreds of sections, and "how many … are there" or "list every …" is exactly
 * what retrieval of a few sections cannot answer. Lists named alike ("Amendments", "amendment")
 * are one list; members written alike are one member.
 */
final class GatheredLists {

    /** A list needs at least this many members to be worth a line of c′. */
    static final int MIN_MEMBERS = 2;

    private GatheredLists() {
    }

    /** The lists in {@code notes}, largest first. */
    static List<LearnedContext.GatheredList> of(List<SectionNote> notes) {
        Map<String, Map<String, Member>> byList = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> spellings = new HashMap<>();
        for (SectionNote n : notes) {
            if (n.kind() != SectionNote.Kind.ITEM || n.list().isBlank()) {
                continue;
            }
            String key = listKey(n.list());
            if (key.isEmpty()) {
                continue;
            }
            spellings.computeIfAbsent(key, k -> new HashMap<>()).merge(n.list().strip(), 1, Integer::sum);
            byList.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(memberKey(n.text()), k -> new Member(n.text()))
                    .pages.add(n.page());
        }
        List<LearnedContext.GatheredList> out = new ArrayList<>();
        byList.forEach((key, members) -> {
            if (members.size() >= MIN_MEMBERS) {
                String name = spellings.get(key).entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .orElseThrow().getKey();
                out.add(new LearnedContext.GatheredList(name, members.values().stream()
                        .map(m -> new LearnedContext.Point(m.text, List.copyOf(m.pages))).toList()));
            }
        });
        out.sort(Comparator.comparingInt(LearnedContext.GatheredList::count).reversed());
        return out;
    }

    /** "Amendments", "the amendment" and "AMENDMENTS:" are the same list. */
    static String listKey(String name) {
        String k = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
        if (k.startsWith("the ")) {
            k = k.substring(4);
        }
        if (k.endsWith("ies") && k.length() > 4) {
            return k.substring(0, k.length() - 3) + "y";
        }
        if (k.endsWith("s") && !k.endsWith("ss") && k.length() > 3) {
            return k.substring(0, k.length() - 1);
        }
        return k;
    }

    private static String memberKey(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static final class Member {
        final String text;
        final TreeSet<Integer> pages = new TreeSet<>();

        Member(String text) {
            this.text = text;
        }
    }
}
