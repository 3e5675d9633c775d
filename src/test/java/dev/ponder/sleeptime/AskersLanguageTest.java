package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.search.LanguageDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The language sleep-time writes c′ and the anticipated questions in: the language the person asks in. */
class AskersLanguageTest {

    @BeforeAll
    static void loadTheLanguageProfiles() {
        LanguageDetection.warmUp();
    }

    @Test
    void withoutQuestionsItIsTheWindowsLanguage() {
        assertEquals("en", AskersLanguage.of(List.of()));
        assertEquals("en", AskersLanguage.of(List.of("Wer hat das Handbuch ins Französische übersetzt?",
                "Mit welchen Engines kann die Klasse genutzt werden?")), "two questions are not enough to tell");
    }

    @Test
    void mostRecentQuestionsInOneLanguageMakeItTheirs() {
        List<String> asked = List.of("本手册中有关 macOS 的内容最初是由谁草拟的？", "作者以什么名义加入 QQ 群？",
                "texlive2022.iso 正常时的 MD5 值是多少？", "Who first drafted the macOS part of this guide?");
        assertEquals("zh", AskersLanguage.of(asked));
        assertEquals("de", AskersLanguage.of(List.of("Wer hat das Handbuch ins Französische übersetzt?",
                "Mit welchen Engines kann die Klasse genutzt werden?", "Welche Pakete braucht man dafür?",
                "Who translated this reference manual into French?")));
    }

    @Test
    void noLanguageAboveHalfLeavesTheWindowsLanguage() {
        assertEquals("en", AskersLanguage.of(List.of("本手册中有关 macOS 的内容最初是由谁草拟的？", "作者以什么名义加入 QQ 群？",
                "Wer hat das Handbuch ins Französische übersetzt?", "Mit welchen Engines kann die Klasse genutzt werden?")));
    }

    @Test
    void onlyTheLatestTwentyCount() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < AskersLanguage.RECENT_QUESTIONS; i++) {
            asked.add("How long does the warranty of the Q7 widget last?");
        }
        for (int i = 0; i < 30; i++) {
            asked.add("作者以什么名义加入 QQ 群？");
        }
        assertEquals("en", AskersLanguage.of(asked), "older questions in Chinese are past");
    }

    @Test
    void theLanguageIsToldAgainOnlyWhenTheQuestionsChange() {
        AtomicInteger reads = new AtomicInteger();
        List<String> asked = new ArrayList<>(List.of("作者以什么名义加入 QQ 群？", "texlive2022.iso 正常时的 MD5 值是多少？"));
        Supplier<String> language = AskersLanguage.following(() -> {
            reads.incrementAndGet();
            return List.copyOf(asked);
        });
        assertEquals("en", language.get());
        asked.add(0, "本手册中有关 macOS 的内容最初是由谁草拟的？");
        assertEquals("zh", language.get());
        assertEquals("zh", language.get());
        assertEquals(3, reads.get(), "the questions are read each time; told again only when changed");
    }

    @Test
    void thePromptsRuleNamesTheLanguageAndKeepsTheOriginalTerms() {
        String rule = AskersLanguage.rule("the questions and their answers", "zh");
        assertTrue(rule.startsWith("Write the questions and their answers in Chinese."), rule);
        assertTrue(rule.contains("in the original, in parentheses after the translation"), rule);
        assertEquals("German", dev.ponder.search.LanguageDetection.englishName("de"));
    }
}
