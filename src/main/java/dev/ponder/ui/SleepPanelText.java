package dev.ponder.ui;

import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.List;

/**
 * What the sleep-time panel says, derived in one place from one state: what sleep-time is doing
 * ({@link SleepTimeStatus}), the documents shown, and whether the window already shows the model
 * server's problem. So the status line, the documents' line and the progress bar never contradict
 * each other ("Thinking about a.pdf" above "Waiting until you are away" for the same moment), and
 * what to do is said with the panel's own button, "Think now".
 *
 * @param sentence         the status line
 * @param documentSentence the shown documents' line, empty when the status line already says it
 * @param progress         0..1, the same measure as the status line's words (sections, parts,
 *                         generations of the running step); -1 when there is none
 */
record SleepPanelText(String sentence, String documentSentence, double progress) {

    /** The panel's button that makes sleep-time try again at once. */
    static final String THINK_NOW = "Think now";
    /** The status line while the window's banner already says what is wrong with the model server. */
    static final String WAITING_FOR_THE_SERVER = "Thinking waits until the model server answers (see the notice above).";

    /**
     * @param status             what sleep-time is doing; null before it said anything
     * @param shown              the documents the panel is about, in their order
     * @param wholeLibrary       whether those are every document (nothing selected)
     * @param serverProblemShown whether the banner or the first-run card already says what is wrong
     *                           with the model server
     */
    static SleepPanelText of(SleepTimeStatus status, List<DocumentInsights> shown, boolean wholeLibrary,
                             boolean serverProblemShown) {
        if (status == null) {
            return new SleepPanelText("", "", -1);
        }
        String sentence = status.state() == SleepTimeState.MODEL_UNAVAILABLE && serverProblemShown
                ? WAITING_FOR_THE_SERVER : UserText.sentence(status.sentence(), THINK_NOW);
        double progress = status.state() == SleepTimeState.THINKING && status.total() > 0
                ? Math.min(1, (double) status.done() / status.total()) : -1;
        return new SleepPanelText(sentence, documents(status, shown, wholeLibrary), progress);
    }

    /**
     * The panel over a library Ponder cannot write: sleep-time does not run (nothing it thought could
     * be kept), so the status line says why and what to do, and the documents' line says which of
     * the shown documents were thought about before (their prepared answers still serve) and which
     * wait.
     *
     * @param why why the library cannot be written, as the end of a sentence ("the disk it is on is
     *            mounted read-only", "your account may not write to FILE")
     */
    static SleepPanelText readOnly(String why, List<DocumentInsights> shown) {
        String sentence = UserText.sentence("Ponder is not thinking about your documents: your library is read-only ("
                + why + "), so nothing it thought could be saved. Make it writable, or choose another data folder "
                + dev.ponder.settings.Advice.in(dev.ponder.settings.Advice.Setting.DATA_FOLDER)
                + ", then open Ponder again.", THINK_NOW);
        long ready = shown.stream().filter(i -> i.state().phase() == DocumentSleepState.Phase.READY).count();
        String documents;
        if (shown.isEmpty()) {
            documents = "";
        } else if (shown.size() == 1) {
            documents = ready == 1 ? shown.get(0).state().sentence()
                    : "Not thought about yet: it waits until the library can be written.";
        } else {
            documents = ready + " of " + shown.size() + " documents thought about before; the others wait until the "
                    + "library can be written.";
        }
        return new SleepPanelText(sentence, documents, -1);
    }

    private static String documents(SleepTimeStatus status, List<DocumentInsights> shown, boolean wholeLibrary) {
        if (shown.isEmpty()) {
            return "";
        }
        if (shown.size() == 1) {
            return one(status, shown.get(0).state(), wholeLibrary);
        }
        if (wholeLibrary && status.state() == SleepTimeState.READY) {
            return ""; // "Ready: 18 questions anticipated for 3 documents" says it
        }
        long thought = shown.stream().filter(i -> thoughtAbout(status, i.state())).count();
        // every question the panel lists counts, also those of a document still being thought about: a
        // first look and each refresh serve theirs before the document is done (issue #14)
        int questions = shown.stream().mapToInt(i -> i.anticipatedQuestions().size()).sum();
        String thoughtPart = thought == shown.size() ? "All " + shown.size() + " documents thought about"
                : thought + " of " + shown.size() + " documents thought about";
        return thoughtPart + " · " + questions + (questions == 1 ? " question" : " questions") + " anticipated";
    }

    /** Ready, and not being thought about again right now. */
    private static boolean thoughtAbout(SleepTimeStatus status, DocumentSleepState d) {
        return d.phase() == DocumentSleepState.Phase.READY && !beingThoughtAbout(status, d);
    }

    private static boolean beingThoughtAbout(SleepTimeStatus status, DocumentSleepState d) {
        return status.state() == SleepTimeState.THINKING && status.documentId().orElse(-1) == d.documentId();
    }

    /** One document's line, in the light of what sleep-time is doing as a whole. */
    private static String one(SleepTimeStatus status, DocumentSleepState d, boolean wholeLibrary) {
        if (beingThoughtAbout(status, d)) {
            return ""; // "Thinking about a.pdf — section 3 of 7" says it, with its one measure
        }
        return switch (d.phase()) {
            case READY -> wholeLibrary && status.state() == SleepTimeState.READY ? "" : d.sentence();
            // a failure the status line lists with every other failed document is not said twice
            case FAILED -> status.state() == SleepTimeState.RETRY_LATER ? ""
                    : UserText.sentence(d.sentence(), THINK_NOW);
            case WAITING_FOR_IDLE, STALE, THINKING -> waiting(status, d);
        };
    }

    /** Why a document that is due waits, by what holds sleep-time back now. */
    private static String waiting(SleepTimeStatus status, DocumentSleepState d) {
        String what = d.phase() == DocumentSleepState.Phase.STALE
                ? "Changed since Ponder thought about it — " : "";
        String why = switch (status.state()) {
            case THINKING -> "waiting its turn: Ponder is thinking about "
                    + status.documentName().orElse("another document") + " first";
            case PAUSED -> "waiting: thinking is paused";
            case ANSWERING -> "waiting until the answer is done";
            case MODEL_UNAVAILABLE -> "waiting for the model server";
            default -> !what.isEmpty() ? "re-thinking when you are away"
                    // its step was stopped (the person came back) and the plan not read again yet
                    : d.phase() == DocumentSleepState.Phase.THINKING ? "waiting until you are away" : "";
        };
        if (why.isEmpty()) {
            return d.sentence();
        }
        String line = what + why;
        return Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }
}
