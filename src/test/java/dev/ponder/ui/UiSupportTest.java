package dev.ponder.ui;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UiSupportTest {

    @Test
    void unexpectedErrorsShowOneShortSentenceNeverATrace() {
        assertEquals("The disk is full.", UncaughtErrors.sentence(new IllegalStateException("The disk is full")));
        assertEquals("Ponder hit an unexpected problem.", UncaughtErrors.sentence(new NullPointerException()));
        assertEquals("Ponder hit an unexpected problem.",
                UncaughtErrors.sentence(new RuntimeException("java.io.IOException: boom\n\tat x.y(Z.java:1)")));
    }

    @Test
    void serviceSentencesShowCommandsInQuotesNotBackticks() {
        assertEquals("Ollama is not running — start it with “ollama serve”, then press Retry.",
                UserText.sentence("Ollama is not running — start it with `ollama serve`, then press Retry."));
        assertEquals("Run “ollama pull llama3.2” or “ollama list”.",
                UserText.sentence("Run `ollama pull llama3.2` or `ollama list`."));
        assertEquals("A stray tick.", UserText.sentence("A stray `tick."));
        assertEquals("Ollama did not start answering — press Think now, or allow more time in Settings ▸ Answer deadline.",
                UserText.sentence("Ollama did not start answering — " + dev.ponder.settings.Advice.AGAIN + ", or allow "
                        + "more time " + dev.ponder.settings.Advice.in(dev.ponder.settings.Advice.Setting.ANSWER_DEADLINE)
                        + ".", "Think now"), "the setting by its place in the window, the button beside the sentence");
        assertEquals("", UserText.sentence(null));
        assertEquals("Start it with “ollama serve”.",
                UncaughtErrors.sentence(new IllegalStateException("Start it with `ollama serve`")));
    }

    @Test
    void colorSchemeFollowsOverrideThenGtkThemeAndDefaultsToLight() {
        assertEquals(ColorScheme.DARK, ColorScheme.detect("dark", Map.of(), "Linux"));
        assertEquals(ColorScheme.LIGHT, ColorScheme.detect("light", Map.of("GTK_THEME", "Adwaita:dark"), "Linux"));
        assertEquals(ColorScheme.DARK, ColorScheme.detect(null, Map.of("GTK_THEME", "Adwaita:dark"), "Linux"));
        assertEquals(ColorScheme.DARK, ColorScheme.detect(null, Map.of("GTK_THEME", "Yaru-dark"), "Linux"));
        assertEquals(ColorScheme.LIGHT, ColorScheme.detect(null, Map.of("GTK_THEME", "Adwaita"), "Linux"));
        assertEquals(ColorScheme.LIGHT, ColorScheme.detect(null, Map.of(), "Linux"), "no display: no desktop to ask");
    }

    @Test
    void aboutSaysWhatWorksNow() {
        String about = PonderWindow.ABOUT;
        assertTrue(about.contains("citing the pages"), about);
        assertTrue(about.contains("While you are away, Ponder thinks about your documents"), about);
        assertTrue(about.contains("A question it anticipated is answered at once"), about);
        assertFalse(about.contains("Coming next"), "everything it describes is built: " + about);
    }

    @Test
    void everyWindowIconSizeIsShipped() {
        for (int size : PonderWindow.ICON_SIZES) {
            assertEquals(true, PonderWindow.class.getResource("icons/ponder-" + size + ".png") != null, "size " + size);
        }
    }

    @Test
    void mouseEventsFromAPointerThatDidNotMoveAreNotThePersonAtWork() {
        double[] pointer = {Double.NaN, Double.NaN};
        assertTrue(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_MOVED, 100, 200), pointer));
        // the panel under the still pointer changed: JavaFX sends exited/entered/moved at the same spot
        assertFalse(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_EXITED, 100, 200), pointer));
        assertFalse(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_ENTERED_TARGET, 100, 200), pointer));
        assertFalse(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_MOVED, 100, 200), pointer));
        assertTrue(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_MOVED, 101, 200), pointer));
        assertTrue(PonderWindow.byThePerson(mouse(javafx.scene.input.MouseEvent.MOUSE_PRESSED, 101, 200), pointer),
                "a click is input wherever the pointer is");
    }

    private static javafx.scene.input.MouseEvent mouse(javafx.event.EventType<javafx.scene.input.MouseEvent> type,
                                                       double x, double y) {
        return new javafx.scene.input.MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.NONE, 0,
                false, false, false, false, false, false, false, false, false, false, null);
    }

    @Test
    void theStylesheetParsesWithoutErrors() throws Exception {
        javafx.collections.ObservableList<javafx.css.CssParser.ParseError> errors = javafx.css.CssParser.errorsProperty();
        errors.clear();
        javafx.css.Stylesheet sheet = new javafx.css.CssParser().parse(PonderWindow.class.getResource("ponder.css"));
        assertEquals(List.of(), errors.stream().map(Object::toString).toList(), "a broken rule drops the rules after it");
        assertTrue(sheet.getRules().stream().anyMatch(r -> r.getSelectors().toString().contains("question-bubble")),
                "the rules near the end are there too");
    }
}
