package dev.ponder.settings;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sentence tells the person to do, written once and said right where it is shown. A
 * sentence for the person (an {@code LlmException}'s message, a sleep-time failure) may hold two
 * kinds of marks:
 * <ul>
 *   <li>{@link #AGAIN} ({@value #AGAIN}), "do it again": in the window, press the button that is
 *       beside the sentence ("press Retry" under an answer, "press Think now" in the sleep-time
 *       panel); in a terminal, "run the command again";</li>
 *   <li>{@link #in(Setting)}, a setting the person can change: the window names the setting
 *       ("in Settings ▸ Answer deadline"), a terminal names the command-line option
 *       ("with `--stream-timeout SECONDS`"). Advice shown in the window can so be followed in the
 *       window, and the command line keeps naming its flags.</li>
 * </ul>
 * {@link #forWindow} and {@link #forTerminal} replace the marks; a sentence without marks comes back
 * unchanged. Marks stay readable in a log ("{again}", "{setting:ANSWER_DEADLINE}").
 */
public final class Advice {

    /** "Do it again": see the class comment. */
    public static final String AGAIN = "{again}";
    /** The same at the start of a sentence. */
    public static final String AGAIN_CAPITALISED = "{Again}";
    /**
     * "Add a document": in the window, "drop it onto the window or choose File ▸ Open…"; in a
     * terminal, "run `ponder import FILE`".
     */
    public static final String ADD_DOCUMENT = "{add-document}";

    /**
     * "Open the library anew": in the window, "close Ponder and open it again"; in a terminal, "run
     * the command again" (each command opens the library anew). After a failed write H2 has closed
     * the library for this run, so pressing Retry would fail the same way.
     */
    public static final String REOPEN = "{reopen}";

    /**
     * "Start Ponder again" after it could not start: in the window (whose dialog ends Ponder), "open
     * Ponder again"; in a terminal, "run the command again, or give another folder with
     * `--data-dir DIR`".
     */
    public static final String START_AGAIN = "{start-again}";

    private static final Pattern SETTING = Pattern.compile("\\{setting:([A-Z_]+)}");

    /** The settings a sentence may send the person to, with their name in Settings and their command-line option. */
    public enum Setting {
        /** {@link Settings#firstTokenTimeout()}. */
        ANSWER_DEADLINE("Answer deadline", "with `--stream-timeout SECONDS`"),
        /** {@link Settings#model()}. */
        MODEL("Test-time model", "with `--model NAME`"),
        /** {@link Settings#sleepModel()}. */
        SLEEP_MODEL("Sleep-time model", "with `--sleep-model NAME`"),
        /** {@link Settings#ollamaUrl()}. */
        OLLAMA_ADDRESS("Ollama address", "with `--ollama-url URL` or OLLAMA_HOST"),
        /** {@link OpenAiEndpoint#url()}. */
        SERVER_ADDRESS("Server address", "with `--openai-url URL`"),
        /** {@link OpenAiEndpoint#apiKey()}. */
        API_KEY("API key", "with PONDER_API_KEY or `--api-key KEY`"),
        /** {@link Settings#dataDir()}. */
        DATA_FOLDER("Data folder", "with `--data-dir DIR`");

        private final String label;
        private final String option;

        Setting(String label, String option) {
            this.label = label;
            this.option = option;
        }

        /** The field's label in the Settings dialog, e.g. "Answer deadline". */
        public String label() {
            return label;
        }

        /** Where the window says it is: "in Settings ▸ Answer deadline". */
        public String inWindow() {
            return "in Settings ▸ " + label;
        }

        /** How a terminal says it: "with `--stream-timeout SECONDS`". */
        public String inTerminal() {
            return option;
        }
    }

    private Advice() {
    }

    /** The mark for "{@code setting}, where it can be changed": see the class comment. */
    public static String in(Setting setting) {
        return "{setting:" + setting.name() + "}";
    }

    /**
     * {@code sentence} for the window: settings named by where they are in Settings, {@link #AGAIN}
     * as "press {@code button}". Null becomes empty.
     *
     * @param button the button shown with the sentence that does it again ("Retry", "Think now")
     */
    public static String forWindow(String sentence, String button) {
        return replace(sentence, "press " + button, Setting::inWindow)
                .replace(ADD_DOCUMENT, "drop it onto the window or choose File ▸ Open…")
                .replace(REOPEN, "close Ponder and open it again")
                .replace(START_AGAIN, "open Ponder again");
    }

    /**
     * {@code sentence} for a terminal: settings named by their command-line options, {@link #AGAIN}
     * as "run the command again", and the older wording of "press Retry" likewise. Null becomes empty.
     */
    public static String forTerminal(String sentence) {
        String s = replace(sentence, "run the command again", Setting::inTerminal)
                .replace(ADD_DOCUMENT, "run `ponder import FILE`")
                .replace(REOPEN, "run the command again")
                .replace(START_AGAIN, "run the command again, or give another folder with `--data-dir DIR`");
        return s.replace(", then press Retry.", ", then run the command again.")
                .replace(" — press Retry; if", " — run the command again; if")
                .replace(" — press Retry.", " — run the command again.")
                .replace(" Press Retry.", " Run the command again.");
    }

    private static String replace(String sentence, String again, java.util.function.Function<Setting, String> where) {
        if (sentence == null || sentence.isEmpty()) {
            return "";
        }
        String s = sentence.replace(AGAIN, again)
                .replace(AGAIN_CAPITALISED, again.substring(0, 1).toUpperCase(Locale.ROOT) + again.substring(1));
        Matcher m = SETTING.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = where.apply(Setting.valueOf(m.group(1)));
            } catch (IllegalArgumentException unknown) {
                replacement = "in Settings"; // a sentence stored by a later version
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
