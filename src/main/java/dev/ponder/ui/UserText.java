package dev.ponder.ui;

import dev.ponder.settings.Advice;
import java.util.regex.Pattern;

/**
 * Sentences from the services, made fit for the window. They are written once for the window and
 * the terminal alike, so commands stand in backticks ("start it with `ollama serve`"); a label
 * would show the backticks raw. What to do is said where it can be done ({@link Advice}): a
 * setting by its place in Settings, "do it again" by the button beside the sentence. Every place
 * that shows a service sentence (banner, inline answer errors, library rows and notices, insights,
 * the sleep-time panel, error dialogs) passes it through {@link #sentence}.
 */
final class UserText {

    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

    private UserText() {
    }

    /** The button most sentences stand beside: under an answer, in the banner. */
    static final String RETRY = "Retry";

    /** {@link #sentence(String, String)} beside a Retry button. */
    static String sentence(String text) {
        return sentence(text, RETRY);
    }

    /**
     * {@code text} for the window: settings named by where they are in Settings, "do it again" as
     * "press {@code button}", each {@code `command`} shown as “command” (a stray backtick is
     * dropped). Null becomes empty.
     *
     * @param button the button beside the sentence that does it again ("Retry", "Think now")
     */
    static String sentence(String text, String button) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return CODE.matcher(Advice.forWindow(text, button)).replaceAll("\u201C$1\u201D").replace("`", "");
    }
}
