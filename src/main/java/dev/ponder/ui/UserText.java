package dev.ponder.ui;

import java.util.regex.Pattern;

/**
 * Sentences from the services, made fit for the window. They are written once for the window and
 * the terminal alike, so commands stand in backticks ("start it with `ollama serve`"); a label
 * would show the backticks raw. Every place that shows a service sentence (banner, inline answer
 * errors, library rows and notices, insights, error dialogs) passes it through {@link #sentence}.
 */
final class UserText {

    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

    private UserText() {
    }

    /**
     * {@code text} with each {@code `command`} shown as “command”; a stray backtick is dropped.
     * Null becomes empty.
     */
    static String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return CODE.matcher(text).replaceAll("\u201C$1\u201D").replace("`", "");
    }
}
