package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerService;
import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {

    private final List<String> asked = new ArrayList<>();
    private final List<List<Long>> scopes = new ArrayList<>();
    private final List<AnswerListener> listeners = new ArrayList<>();
    private final List<Exchange> history = new ArrayList<>();
    private final List<Citation> opened = new ArrayList<>();
    private final List<String> openedAnswers = new ArrayList<>();
    private final SimpleBooleanProperty hasDocuments = new SimpleBooleanProperty(true);
    private final SimpleBooleanProperty loaded = new SimpleBooleanProperty(true);
    private int stops;
    private int serverChecks;
    private List<Long> scope = List.of();

    private final ChatViewModel vm = new ChatViewModel(new SameThreadUiExecutor(),
            (q, s, l) -> {
                asked.add(q);
                scopes.add(s);
                listeners.add(l);
                return () -> {
                    stops++;
                    l.onFinished(exchange(q, "The warr", Exchange.Status.STOPPED, null, List.of()));
                };
            },
            limit -> history, () -> scope, id -> id == 7 ? "report.pdf" : null, loaded, hasDocuments, () -> serverChecks++, (c, answer) -> {
                opened.add(c);
                openedAnswers.add(answer);
            });

    @Test
    void emptyLibraryShowsTheEmptyStateOnceItWasRead() {
        loaded.set(false);
        hasDocuments.set(false);
        assertEquals(ChatViewModel.ChatState.LOADING, vm.state());
        loaded.set(true);
        assertEquals(ChatViewModel.ChatState.NO_DOCUMENTS, vm.state());
        hasDocuments.set(true);
        assertEquals(ChatViewModel.ChatState.READY, vm.state());
    }

    @Test
    void askingStreamsAndReturnsToReady() {
        scope = List.of(7L);
        vm.questionProperty().set("  What is the warranty?  ");
        assertTrue(vm.canAskProperty().get());
        vm.ask();

        assertEquals(ChatViewModel.ChatState.ANSWERING, vm.state());
        assertEquals(List.of("What is the warranty?"), asked);
        assertEquals(List.of(List.of(7L)), scopes);
        assertEquals("", vm.questionProperty().get(), "the field is cleared for the next question");
        assertFalse(vm.canAskProperty().get());

        ExchangeItem item = vm.exchanges().get(0);
        listeners.get(0).onText("27 months");
        listeners.get(0).onText(" [p. 1].");
        assertEquals("27 months [p. 1].", item.answer());
        assertEquals(ExchangeItem.Phase.STREAMING, item.phase());

        Citation p1 = new Citation(7, "report.pdf", 1);
        listeners.get(0).onFinished(exchange("What is the warranty?", "27 months [p. 1].",
                Exchange.Status.ANSWERED, null, List.of(p1)));
        assertEquals(ChatViewModel.ChatState.READY, vm.state());
        assertEquals(ExchangeItem.Phase.ANSWERED, item.phase());
        assertEquals(List.of(p1), item.citations());
        assertEquals("p. 1", item.citationLabel(p1));
        assertEquals("report.pdf", item.citationSource());
        assertEquals("not prepared yet — answered from report.pdf · 812 prompt + 143 completion tokens · 2.4 s",
                item.footer(), "a question about one document names it");
        assertEquals(0, serverChecks);

        vm.openCitation(p1, item.answer());
        assertEquals(List.of(p1), opened);
        assertEquals(List.of(item.answer()), openedAnswers, "the viewer learns which answer to mark");
    }

    @Test
    void citationsFromSeveralDocumentsNameTheirFile() {
        vm.questionProperty().set("Compare them");
        vm.ask();
        Citation a = new Citation(1, "a.pdf", 2);
        Citation b = new Citation(2, "b.pdf", 12);
        listeners.get(0).onFinished(exchange("Compare them", "…", Exchange.Status.ANSWERED, null, List.of(a, b)));
        ExchangeItem item = vm.exchanges().get(0);
        assertEquals("b.pdf p. 12", item.citationLabel(b));
        assertEquals("", item.citationSource());
        assertEquals("not prepared yet — answered from your documents · 812 prompt + 143 completion tokens · 2.4 s",
                item.footer(), "a question about the whole library does not say \"the document\"");
    }

    @Test
    void footerSaysYourDocumentsForSeveralAndTheDocumentWhenItsNameIsGone() {
        scope = List.of(1L, 2L);
        vm.questionProperty().set("Compare them");
        vm.ask();
        listeners.get(0).onFinished(exchange("Compare them", "…", Exchange.Status.ANSWERED, null, List.of()));
        assertTrue(vm.exchanges().get(0).footer().startsWith("not prepared yet — answered from your documents · "));

        scope = List.of(99L); // removed from the library since
        vm.questionProperty().set("And this one?");
        vm.ask();
        listeners.get(1).onFinished(exchange("And this one?", "…", Exchange.Status.ANSWERED, null, List.of()));
        assertTrue(vm.exchanges().get(1).footer().startsWith("not prepared yet — answered from the document · "));
    }

    @Test
    void failedAnswerShowsItsSentenceRechecksTheServerAndRetriesTheSameQuestion() {
        scope = List.of(3L);
        vm.questionProperty().set("Why?");
        vm.ask();
        listeners.get(0).onFinished(exchange("Why?", "", Exchange.Status.FAILED,
                "Ollama is not running at http://localhost:11434 — start it with `ollama serve`, then press Retry.",
                List.of()));

        ExchangeItem failed = vm.exchanges().get(0);
        assertEquals(ExchangeItem.Phase.FAILED, failed.phase());
        assertEquals("Ollama is not running at http://localhost:11434 — start it with “ollama serve”, then press Retry.",
                failed.error(), "the command without raw backticks");
        assertEquals(ChatViewModel.ChatState.READY, vm.state());
        assertEquals(1, serverChecks);

        scope = List.of(); // the selection changed since; Retry keeps the original scope
        vm.retry(failed);
        assertEquals(List.of("Why?", "Why?"), asked);
        assertEquals(List.of(3L), scopes.get(1));
        assertEquals(2, vm.exchanges().size());
        assertEquals(ChatViewModel.ChatState.ANSWERING, vm.state());
    }

    @Test
    void stopKeepsThePartialAnswerMarkedStopped() {
        vm.questionProperty().set("What is the warranty?");
        vm.ask();
        listeners.get(0).onText("The warr");
        vm.stop();

        ExchangeItem item = vm.exchanges().get(0);
        assertEquals(1, stops);
        assertEquals(ExchangeItem.Phase.STOPPED, item.phase());
        assertEquals("The warr", item.answer());
        assertEquals("stopped after 2.4 s", item.footer());
        assertEquals(ChatViewModel.ChatState.READY, vm.state());
    }

    @Test
    void noSecondQuestionWhileAnswering() {
        vm.questionProperty().set("One");
        vm.ask();
        vm.questionProperty().set("Two");
        assertFalse(vm.canAskProperty().get());
        vm.ask();
        assertEquals(List.of("One"), asked);
    }

    @Test
    void historyIsShownAtStart() {
        history.add(exchange("Earlier?", "Yes.", Exchange.Status.ANSWERED, null, List.of()));
        vm.loadHistory();
        assertEquals(1, vm.exchanges().size());
        assertEquals("Earlier?", vm.exchanges().get(0).question());
        assertEquals(ExchangeItem.Phase.ANSWERED, vm.exchanges().get(0).phase());
    }

    private static Exchange exchange(String q, String answer, Exchange.Status status, String error,
                                     List<Citation> citations) {
        return new Exchange(1, q, answer, Exchange.MODE_BASELINE, status, Optional.ofNullable(error),
                Optional.of("llama3.2"), status == Exchange.Status.ANSWERED ? 812 : 0,
                status == Exchange.Status.ANSWERED ? 143 : 0, Optional.of(800L), 2400, List.of(), citations,
                Instant.now());
    }
}
