package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.search.LanguageDetection;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.SloppyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sleep-time writes c′ and the anticipated questions in the language the person asks in (issue 15,
 * item 4), keeping the document's own terms beside their translation; the notes on the sections stay
 * in the document's language. Checked against the scripted model and against sloppy answers.
 */
class AskersLanguageSleepTimeTest {

    /** The preface of install-latex-guide-zh-cn.pdf (p. 2), as far as these questions need it. */
    static final String CHINESE_PREFACE = "前言。本文的 macOS 部分最初由 Xiangdong Zeng 草拟，作者对其进行了修改。"
            + "作者以“啸行”的名义加入了多个 QQ 群，回答 TeX Live 安装的问题。";
    static final String GERMAN_PAGE = "Das Grundgesetz gilt seit 1949. Der Bundestag wählt den Bundeskanzler "
            + "für vier Jahre. Der Bundesrat vertritt die Länder.";

    /** What a model that follows the language rule writes about the preface, in English. */
    static final String ENGLISH_QUESTIONS = """
            {"questions": [
              {"question": "Under which name did the author join the QQ groups?",
               "answer": "As Xiaoxing (啸行).", "pages": [1]},
              {"question": "Who first drafted the macOS part of the guide?",
               "answer": "Xiangdong Zeng drafted it first (草拟), and the author revised it.", "pages": [1]}
            ]}""";

    @TempDir
    Path dir;
    private SleepTimeHarness h;

    @BeforeAll
    static void loadTheLanguageProfiles() {
        LanguageDetection.warmUp();
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private static String system(RecordedRequest r) {
        return r.messageContents().get(0);
    }

    @Test
    void cPrimeAndTheQuestionsAreAskedForInTheAskersLanguageAndWrittenAgainWhenItChanges() throws Exception {
        h = new SleepTimeHarness(dir);
        long id = h.addDocument("grundgesetz.pdf", GERMAN_PAGE);
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());
        assertTrue(system(h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT).get(0)).contains(
                "Write the summary, the key facts, the inferences and the timeline in English."), "the window's language");
        assertTrue(system(h.requests(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS).get(0))
                .contains("Write the questions and their answers in English."));
        assertFalse(system(h.requests(ScriptedSleepModel.Task.SECTION_NOTES).get(0)).contains(" in English."),
                "notes are taken in the document's language");
        int notes = h.requests(ScriptedSleepModel.Task.SECTION_NOTES).size();

        h.asked.addAll(List.of("Seit wann gilt das Grundgesetz?", "Wer wählt den Bundeskanzler?",
                "Für wie viele Jahre wird der Bundeskanzler gewählt?"));
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());

        List<RecordedRequest> contexts = h.requests(ScriptedSleepModel.Task.LEARNED_CONTEXT);
        assertEquals(2, contexts.size(), "c′ is written again for the new language");
        assertTrue(system(contexts.get(1)).contains("in German."), system(contexts.get(1)));
        List<RecordedRequest> questions = h.requests(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS);
        assertTrue(system(questions.get(questions.size() - 1)).contains("Write the questions and their answers in German."));
        assertEquals(notes, h.requests(ScriptedSleepModel.Task.SECTION_NOTES).size(), "the notes are kept");
    }

    @Test
    void englishQuestionsAboutAChineseDocumentKeepTheOriginalTermsAndAreConfirmedByIt() throws Exception {
        h = new SleepTimeHarness(dir);
        h.model.override(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS, r -> ENGLISH_QUESTIONS);
        long id = h.addDocument("install-latex-guide-zh-cn.pdf", CHINESE_PREFACE);
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());

        List<AnticipatedQuestion> kept = h.learned.latestAnticipatedQuestions(id);
        assertEquals(2, kept.size());
        for (AnticipatedQuestion q : kept) {
            assertEquals(Optional.of("en"), LanguageDetection.ofText(q.question()), q.question());
            assertTrue(q.confirmed(), q.answer() + " is confirmed through its original: " + q.ungroundedTerms());
        }
    }

    @Test
    void sloppyAnswersInTheAskersLanguageStillGiveWellFormedQuestionsAndAnInventedOneIsNotConfirmed() throws Exception {
        h = new SleepTimeHarness(dir);
        h.model.override(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS, r -> ENGLISH_QUESTIONS);
        // half the answers imperfect, each kind in turn: fences, prose, renamed keys, cut-offs, no JSON, invented content…
        SloppyModel sloppy = new SloppyModel(h.model, 0.5, 15);
        h.ollama.answerWith(sloppy);
        int thought = 0;
        for (int n = 0; n < 6; n++) {
            long id = h.addDocument("guide-" + n + ".pdf", CHINESE_PREFACE + " 第 " + n + " 版。");
            if (h.service().think(id).get(120, TimeUnit.SECONDS).ready()) {
                thought++;
                for (AnticipatedQuestion q : h.learned.latestAnticipatedQuestions(id)) {
                    assertTrue(q.question().endsWith("?"), q.question());
                    boolean invented = q.answer().contains("Napoleon");
                    assertEquals(!invented, q.confirmed(), q.answer() + " " + q.ungroundedTerms());
                }
            }
        }
        assertTrue(thought >= 5, thought + " of 6 documents thought through with half the answers imperfect: "
                + sloppy.imperfections());
        long kinds = sloppy.imperfections().values().stream().filter(n -> n > 0).count();
        assertTrue(kinds >= 5, "the kinds of imperfection in turn: " + sloppy.imperfections());
    }

    @Test
    void aModelThatIgnoresTheLanguageRuleStillLeavesQuestionsInTheDocumentsLanguage() throws Exception {
        h = new SleepTimeHarness(dir);
        h.model.override(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS, r -> """
                {"questions": [{"question": "作者以什么名义加入 QQ 群？", "answer": "以“啸行”的名义。", "pages": [1]}]}""");
        long id = h.addDocument("install-latex-guide-zh-cn.pdf", CHINESE_PREFACE);
        assertTrue(h.service().think(id).get(60, TimeUnit.SECONDS).ready());
        List<AnticipatedQuestion> kept = h.learned.latestAnticipatedQuestions(id);
        assertEquals(1, kept.size(), "kept: it still serves a question asked in Chinese");
        assertTrue(kept.get(0).question().endsWith("?"), "a full-width question mark is read as one");
        assertTrue(kept.get(0).confirmed());
    }
}
