package dev.ponder.testing;

import java.util.List;

/**
 * How the {@link OllamaTestServer} "answers" when no test scripted a reply: deterministically,
 * from the messages it received, so a test can prove which text reached the model.
 * <ol>
 *   <li>If a message contains {@value #MARKER}, the answer is the first sentence after the first
 *       marker: the last user message is searched first, then the other messages from last to first.
 *       Put {@code "ANSWER: The warranty lasts 27 months."} in a document and the model answers
 *       {@code "The warranty lasts 27 months."} exactly when that document text was in the prompt.</li>
 *   <li>Otherwise the answer is {@code "You said: "} followed by the first sentence of the last
 *       user message (at most {@value #MAX_ECHO_TOKENS} tokens of it).</li>
 * </ol>
 * A sentence ends after the first {@code .}, {@code !} or {@code ?} followed by whitespace or the
 * end of the text, or at the end of the line.
 */
public final class TestAnswers {

    /** Marks the text the model should answer with. Case-sensitive. */
    public static final String MARKER = "ANSWER:";
    static final int MAX_ECHO_TOKENS = 40;

    private TestAnswers() {
    }

    /**
     * @param messages    message contents in request order
     * @param lastUser    content of the last user message, or {@code null}
     * @return a non-empty answer
     */
    public static String answer(List<String> messages, String lastUser) {
        if (lastUser != null && lastUser.contains(MARKER)) {
            return afterMarker(lastUser);
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).contains(MARKER)) {
                return afterMarker(messages.get(i));
            }
        }
        String echo = firstSentence(lastUser == null ? "" : lastUser);
        List<String> pieces = TestTokens.pieces(echo);
        if (pieces.size() > MAX_ECHO_TOKENS) {
            echo = String.join("", pieces.subList(0, MAX_ECHO_TOKENS));
        }
        return echo.isBlank() ? "You said nothing." : "You said: " + echo.strip();
    }

    private static String afterMarker(String text) {
        String s = firstSentence(text.substring(text.indexOf(MARKER) + MARKER.length()));
        return s.isBlank() ? "(empty)" : s;
    }

    /** First sentence of {@code text}, stripped. */
    public static String firstSentence(String text) {
        String t = text.strip();
        int newline = t.indexOf('\n');
        if (newline >= 0) {
            t = t.substring(0, newline).strip();
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1)))) {
                return t.substring(0, i + 1);
            }
        }
        return t;
    }
}
