package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
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
    private final List<AnswerRequest> requests = new ArrayList<>();
    private final InMemoryChatHistory history = new InMemoryChatHistory();
    private final List<Citation> opened = new ArrayList<>();
    private final List<String> openedAnswers = new ArrayList<>();
    private final SimpleBooleanProperty hasDocuments = new SimpleBooleanProperty(true);
    private final SimpleBooleanProperty loaded = new SimpleBooleanProperty(true);
    private int stops;
    private int serverChecks;
    private List<Long> scope = List.of();

    private final ChatViewModel vm = new ChatViewModel(new SameThreadUiExecutor(),
            (request, l) -> {
                String q = request.question();
                requests.add(request);
                asked.add(q);
                scopes.add(request.scope());
                listeners.add(l);
                return () -> {
                    stops++;
                    l.onFinished(exchange(q, "The warr", Exchange.Status.STOPPED, null, List.of()));
                };
            },
            history, () -> scope, id -> id == 7 ? "report.pdf" : null, loaded, hasDocuments, e -> {
                if (e.status() == Exchange.Status.FAILED) {
                    serverChecks++;
                }
            }, (c, answer) -> {
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
        assertEquals("Not prepared yet", item.modeMark());
        assertEquals("Ponder has not thought about report.pdf yet · 955 test-time tokens (812 in, 143 out) · "
                        + "first token after 0.8 s · 2.4 s in all",
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
        assertEquals("b.pdf p. 3 · scanned", item.citationLabel(new Citation(2, "b.pdf", 3, true)),
                "a page read by text recognition says so");
        assertEquals("", item.citationSource());
        assertTrue(item.footer().startsWith("Ponder has not thought about your documents yet · "),
                "a question about the whole library does not say \"the document\": " + item.footer());
    }

    @Test
    void footerSaysYourDocumentsForSeveralAndTheDocumentWhenItsNameIsGone() {
        scope = List.of(1L, 2L);
        vm.questionProperty().set("Compare them");
        vm.ask();
        listeners.get(0).onFinished(exchange("Compare them", "…", Exchange.Status.ANSWERED, null, List.of()));
        assertTrue(vm.exchanges().get(0).footer().startsWith("Ponder has not thought about your documents yet · "));

        scope = List.of(99L); // removed from the library since
        vm.questionProperty().set("And this one?");
        vm.ask();
        listeners.get(1).onFinished(exchange("And this one?", "…", Exchange.Status.ANSWERED, null, List.of()));
        assertTrue(vm.exchanges().get(1).footer().startsWith("Ponder has not thought about the document yet · "));
    }

    @Test
    void anAnswerFromADocumentShorterThanItsLearnedContextSaysWhyItReadTheDocument() {
        vm.questionProperty().set("When does it open?");
        vm.ask();
        Exchange e = exchange("When does it open?", "At 9 [p. 1].", Exchange.Status.ANSWERED, null, List.of());
        listeners.get(0).onFinished(new Exchange(e.id(), e.question(), e.answer(), Exchange.MODE_RAW_CONTEXT,
                e.status(), e.error(), e.model(), e.promptTokens(), e.completionTokens(), e.firstTokenMs(),
                e.latencyMs(), e.scope(), e.citations(), e.askedAt(), 1, Optional.of(0.42), Optional.empty()));

        ExchangeItem item = vm.exchanges().get(0);
        assertEquals(ExchangeItem.AnswerMode.RAW_CONTEXT, item.mode());
        assertEquals("Answered from the document itself", item.modeMark());
        assertEquals("its text was shorter than its learned context · predictability 0.42 · "
                + "955 test-time tokens (812 in, 143 out) · first token after 0.8 s · 2.4 s in all", item.footer());
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

    /** An answer Ponder's closing stopped (not the person) says so, keeps what arrived, and can be asked again. */
    @Test
    void anAnswerStoppedBecausePonderClosedSaysSoAndHasRetry() {
        vm.questionProperty().set("What is the warranty?");
        vm.ask();
        listeners.get(0).onText("The warr");
        listeners.get(0).onFinished(exchange("What is the warranty?", "The warr", Exchange.Status.STOPPED,
                dev.ponder.answer.AnswerService.CLOSED_BEFORE_IT_FINISHED, List.of()));

        ExchangeItem item = vm.exchanges().get(0);
        assertEquals(ExchangeItem.Phase.FAILED, item.phase(), "said as a failure, with Retry");
        assertEquals(dev.ponder.answer.AnswerService.CLOSED_BEFORE_IT_FINISHED, item.error());
        assertEquals("The warr", item.answer(), "what arrived is kept");
        assertEquals("", item.footer(), "not 'stopped after …': nobody pressed Stop");

        vm.retry(item);
        assertEquals(2, listeners.size(), "Retry asks again");
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
    void theMostRecentlyAskedConversationIsShownAtStart() {
        Exchange older = history.save(exchange("Earlier?", "Yes.", Exchange.Status.ANSWERED, null, List.of()));
        Exchange recent = history.save(at(exchange("Latest?", "No.", Exchange.Status.ANSWERED, null, List.of()),
                older.askedAt().plusSeconds(60)));
        vm.loadHistory();
        assertEquals(List.of(recent.conversationId(), older.conversationId()),
                vm.conversations().stream().map(c -> c.id()).toList());
        assertEquals(recent.conversationId(), vm.conversationId());
        assertEquals(List.of("Latest?"), vm.exchanges().stream().map(ExchangeItem::question).toList());
        assertEquals(ExchangeItem.Phase.ANSWERED, vm.exchanges().get(0).phase());
    }

    @Test
    void preparedAnswerShowsItsMarkPredictabilityAndZeroTestTimeTokens() {
        ExchangeItem item = answered(new Exchange(1, "How long is the warranty?", "27 months [p. 1].",
                Exchange.MODE_PREPARED, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 0, 0,
                Optional.of(3L), 40, List.of(7L), List.of(new Citation(7, "report.pdf", 1)), Instant.now(), 0,
                Optional.of(0.934), Optional.of(12L)));
        assertEquals(ExchangeItem.AnswerMode.PREPARED, item.mode());
        assertEquals("Prepared while you were away", item.modeMark());
        assertEquals("predictability 0.93 · 0 test-time tokens", item.footer());
        assertEquals(List.of(new Citation(7, "report.pdf", 1)), item.citations(), "its pages are shown as chips");
    }

    @Test
    void learnedContextAnswerShowsItsMarkPredictabilityTokensAndTimes() {
        ExchangeItem item = answered(new Exchange(1, "Why?", "Because.", Exchange.MODE_LEARNED_CONTEXT,
                Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 1812, 143, Optional.of(650L),
                4210, List.of(), List.of(), Instant.now(), 0, Optional.of(0.41), Optional.empty()));
        assertEquals("Answered from the learned context", item.modeMark());
        assertEquals("predictability 0.41 · 1,955 test-time tokens (1,812 in, 143 out) · first token after 0.7 s · "
                + "4.2 s in all", item.footer());

        ExchangeItem unknown = answered(new Exchange(2, "What?", "That.", Exchange.MODE_LEARNED_CONTEXT,
                Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 900, 50, Optional.empty(),
                1000, List.of(), List.of(), Instant.now(), 0, Optional.empty(), Optional.empty()));
        assertEquals("950 test-time tokens (900 in, 50 out) · 1.0 s in all", unknown.footer(),
                "no predictability when none is known, no first-token time when none came");
    }

    @Test
    void askTheModelAsksThePreparedQuestionAgainWithoutAPreparedAnswerInTheSameConversation() {
        scope = List.of(7L);
        vm.questionProperty().set("How long is the warranty?");
        vm.ask();
        assertTrue(requests.get(0).usePrepared());
        assertEquals(0, requests.get(0).conversationId(), "the first question starts a conversation");
        Exchange prepared = history.save(new Exchange(1, "How long is the warranty?", "27 months.",
                Exchange.MODE_PREPARED, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 0, 0,
                Optional.of(3L), 40, List.of(7L), List.of(), Instant.now(), 0, Optional.of(0.93), Optional.of(12L)));
        listeners.get(0).onFinished(prepared);
        assertEquals(prepared.conversationId(), vm.conversationId());

        scope = List.of(); // the selection changed since: Ask the model keeps the question's documents
        vm.askModel(vm.exchanges().get(0));

        AnswerRequest again = requests.get(1);
        assertEquals("How long is the warranty?", again.question());
        assertFalse(again.usePrepared(), "Ask the model never serves a prepared answer");
        assertEquals(prepared.conversationId(), again.conversationId());
        assertEquals(List.of(7L), again.scope());
        assertEquals(2, vm.exchanges().size());
        assertEquals(ChatViewModel.ChatState.ANSWERING, vm.state());
    }

    @Test
    void askTheModelIsOnlyForPreparedAnswers() {
        vm.questionProperty().set("Why?");
        vm.ask();
        listeners.get(0).onFinished(exchange("Why?", "Because.", Exchange.Status.ANSWERED, null, List.of()));
        vm.askModel(vm.exchanges().get(0));
        assertEquals(1, requests.size());
    }

    @Test
    void newConversationEmptiesTheChatAndTheNextQuestionStartsOne() {
        Exchange earlier = history.save(exchange("Earlier?", "Yes.", Exchange.Status.ANSWERED, null, List.of()));
        vm.loadHistory();
        vm.questionProperty().set("Follow-up?");
        vm.ask();
        assertEquals(earlier.conversationId(), requests.get(0).conversationId(), "a question continues the conversation shown");
        listeners.get(0).onFinished(history.save(exchange("Follow-up?", "Sure.", Exchange.Status.ANSWERED, null, List.of())
                .stored(2, earlier.conversationId())));

        vm.newConversation();
        assertEquals(0, vm.conversationId());
        assertTrue(vm.exchanges().isEmpty());
        vm.questionProperty().set("Something else?");
        vm.ask();
        assertEquals(0, requests.get(1).conversationId());
        Exchange started = history.save(exchange("Something else?", "Yes.", Exchange.Status.ANSWERED, null, List.of()));
        listeners.get(1).onFinished(started);
        assertEquals(started.conversationId(), vm.conversationId());
        assertEquals(2, vm.conversations().size(), "the list has the new conversation once its first answer is stored");
    }

    @Test
    void reopeningAConversationLoadsItsExchanges() {
        Exchange a = history.save(exchange("First topic?", "A.", Exchange.Status.ANSWERED, null, List.of()));
        history.save(exchange("More on it?", "B.", Exchange.Status.ANSWERED, null, List.of()).stored(2, a.conversationId()));
        Exchange b = history.save(at(exchange("Second topic?", "C.", Exchange.Status.ANSWERED, null, List.of()),
                a.askedAt().plusSeconds(60)));
        vm.loadHistory();
        assertEquals(b.conversationId(), vm.conversationId());

        vm.openConversation(a.conversationId());
        assertEquals(a.conversationId(), vm.conversationId());
        assertEquals(List.of("First topic?", "More on it?"), vm.exchanges().stream().map(ExchangeItem::question).toList());
        assertEquals("A.", vm.exchanges().get(0).answer());
    }

    @Test
    void noSwitchingConversationsWhileAnswering() {
        Exchange a = history.save(exchange("First?", "A.", Exchange.Status.ANSWERED, null, List.of()));
        vm.questionProperty().set("Streaming?");
        vm.ask();
        vm.openConversation(a.conversationId());
        vm.newConversation();
        vm.deleteConversation(a.conversationId());
        assertEquals(List.of("Streaming?"), vm.exchanges().stream().map(ExchangeItem::question).toList());
        assertEquals(List.of(), history.deleted);
    }

    @Test
    void deletingTheConversationShownLeavesANewEmptyOne() {
        Exchange a = history.save(exchange("Keep me?", "A.", Exchange.Status.ANSWERED, null, List.of()));
        Exchange b = history.save(at(exchange("Delete me?", "B.", Exchange.Status.ANSWERED, null, List.of()),
                a.askedAt().plusSeconds(60)));
        vm.loadHistory();
        assertEquals(b.conversationId(), vm.conversationId());

        vm.deleteConversation(b.conversationId());

        assertEquals(List.of(b.conversationId()), history.deleted);
        assertEquals(0, vm.conversationId());
        assertTrue(vm.exchanges().isEmpty());
        assertEquals(List.of(a.conversationId()), vm.conversations().stream().map(c -> c.id()).toList());
    }

    @Test
    void deletingAnotherConversationKeepsTheOneShown() {
        Exchange a = history.save(exchange("Other?", "A.", Exchange.Status.ANSWERED, null, List.of()));
        Exchange b = history.save(at(exchange("Shown?", "B.", Exchange.Status.ANSWERED, null, List.of()),
                a.askedAt().plusSeconds(60)));
        vm.loadHistory();
        vm.deleteConversation(a.conversationId());
        assertEquals(b.conversationId(), vm.conversationId());
        assertEquals(List.of("Shown?"), vm.exchanges().stream().map(ExchangeItem::question).toList());
        assertEquals(1, vm.conversations().size());
    }

    @Test
    void onlyHttpHttpsAndMailtoLinksReachTheBrowser() {
        List<String> browsed = new ArrayList<>();
        vm.setBrowser(browsed::add);
        vm.openLink("https://example.org/terms");
        vm.openLink("mailto:support@example.org");
        vm.openLink("javascript:alert(1)");
        vm.openLink("file:///etc/passwd");
        vm.openLink("data:text/html,hi");
        vm.openLink("/relative/path");
        vm.openLink("http:///no-host");
        assertEquals(List.of("https://example.org/terms", "mailto:support@example.org"), browsed);
    }

    private ExchangeItem answered(Exchange e) {
        vm.questionProperty().set(e.question());
        vm.ask();
        listeners.get(listeners.size() - 1).onFinished(e);
        return vm.exchanges().get(vm.exchanges().size() - 1);
    }

    private static Exchange at(Exchange e, Instant when) {
        return new Exchange(e.id(), e.question(), e.answer(), e.mode(), e.status(), e.error(), e.model(),
                e.promptTokens(), e.completionTokens(), e.firstTokenMs(), e.latencyMs(), e.scope(), e.citations(), when,
                e.conversationId(), e.predictability(), e.anticipatedQuestionId());
    }

    private static Exchange exchange(String q, String answer, Exchange.Status status, String error,
                                     List<Citation> citations) {
        return new Exchange(1, q, answer, Exchange.MODE_BASELINE, status, Optional.ofNullable(error),
                Optional.of("llama3.2"), status == Exchange.Status.ANSWERED ? 812 : 0,
                status == Exchange.Status.ANSWERED ? 143 : 0, Optional.of(800L), 2400, List.of(), citations,
                Instant.now());
    }
}
