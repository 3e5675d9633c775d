package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelStatusViewModelTest {

    private static final URI URL = URI.create("http://localhost:11434");
    private ServerStatus status;
    private int checks;
    private final ModelServer server = new ModelServer() {
        @Override
        public ServerStatus check() {
            checks++;
            return status;
        }

        @Override
        public LanguageModel chatModel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    };
    private final ModelStatusViewModel vm = new ModelStatusViewModel(new SameThreadUiExecutor(), server);

    @Test
    void serverDownShowsBannerWithItsSentenceAndRetryClearsIt() {
        String sentence = "Ollama is not running at http://localhost:11434 — start it with `ollama serve`.";
        status = new ServerStatus(URL, false, Optional.empty(), List.of(), null, 0, Optional.of(sentence));
        vm.check();
        assertTrue(vm.bannerVisibleProperty().get());
        assertEquals("Ollama is not running at http://localhost:11434 — start it with “ollama serve”.",
                vm.problemProperty().get(), "the command without raw backticks");
        assertEquals("Ollama: not running", vm.statusLineProperty().get());

        status = new ServerStatus(URL, true, Optional.of("0.12.0"), List.of("llama3.2"), "llama3.2", 8192,
                Optional.empty());
        vm.check();
        assertFalse(vm.bannerVisibleProperty().get());
        assertEquals("Ollama: llama3.2 ✓", vm.statusLineProperty().get());
        assertFalse(vm.checkingProperty().get());
    }

    @Test
    void theStatusLineAndTheBannerComeFromOneStateAndASuccessClearsAStaleBanner() {
        status = new ServerStatus(URL, true, Optional.of("0.12.0"), List.of(), null, 0,
                Optional.of("Ollama has no model named llama3.2 — run `ollama pull llama3.2`, then {again}."));
        vm.check();
        assertEquals(ModelStatusViewModel.ServerState.NO_MODEL, vm.seenProperty().get().state());
        assertEquals("Ollama: no model", vm.statusLineProperty().get());
        assertEquals("Ollama has no model named llama3.2 — run “ollama pull llama3.2”, then press Retry.",
                vm.problemProperty().get());
        assertTrue(vm.bannerVisibleProperty().get());

        // the person pulls the model; an answer succeeds: the window looks again by itself
        status = new ServerStatus(URL, true, Optional.of("0.12.0"), List.of("llama3.2"), "llama3.2", 8192, Optional.empty());
        vm.workedJustNow();
        assertFalse(vm.bannerVisibleProperty().get(), "no banner about a model that is there now");
        assertEquals("Ollama: llama3.2 ✓", vm.statusLineProperty().get());

        int before = checks;
        vm.workedJustNow();
        assertEquals(before, checks, "all is well already: no check");
    }
}
