package dev.ponder.sleeptime;

/** The words sleep-time compute uses for what it is doing; one place, so the UI and the CLI say the same. */
final class Sentences {

    private Sentences() {
    }

    static String userActive() {
        return "You're active — thinking paused";
    }

    static String answering() {
        return "Answering your question — thinking paused";
    }

    static String paused() {
        return "Thinking paused — press Resume to let Ponder think while you are away";
    }

    static String noDocuments() {
        return "Nothing to think about yet — open a PDF";
    }

    static String notLookedYet() {
        return "Looking at your documents…";
    }

    static String ready(int questions, int documents) {
        String q = questions + (questions == 1 ? " question" : " questions") + " anticipated";
        return documents <= 1 ? "Ready: " + q : "Ready: " + q + " for " + documents + " documents";
    }

    static String retryLater(String fileName, String reason) {
        return "Could not finish thinking about " + fileName + ": " + reason;
    }

    static String modelUnavailable(String reason) {
        return "Thinking waits for the model: " + reason;
    }

    /** "Thinking about report.pdf — section 3 of 7". */
    static String thinking(String fileName, SleepStep step, int done, int total) {
        return "Thinking about " + fileName + " — " + stepProgress(step, done, total);
    }

    /** "section 3 of 7", "writing the learned context (part 2 of 5)", "anticipating questions". */
    static String stepProgress(SleepStep step, int done, int total) {
        return switch (step) {
            case SECTION_NOTES -> total > 0 ? "section " + Math.min(done + 1, total) + " of " + total : step.activity();
            case LEARNED_CONTEXT -> step.activity() + (total > 1 ? " (part " + Math.min(done + 1, total) + " of " + total
                    + ")" : "");
            case ANTICIPATED_QUESTIONS -> step.activity() + (total > 1 ? " (" + done + " of " + total
                    + " generations done)" : "");
        };
    }

    static String documentWaiting() {
        return "Waiting until you are away";
    }

    static String documentStale() {
        return "Changed since Ponder thought about it — re-thinking when you are away";
    }

    static String documentFailed(String reason) {
        return "Thinking failed: " + reason;
    }

    static String documentThinking(SleepStep step, int done, int total) {
        String p = stepProgress(step, done, total);
        return "Thinking — " + p;
    }

    /** Share of a document's sleep-time work done, 0..1: notes weigh 70 %, c′ 20 %, questions 10 %. */
    static double fraction(SleepStep step, int done, int total) {
        double within = total <= 0 ? 0 : Math.min(1, (double) done / total);
        return switch (step) {
            case SECTION_NOTES -> 0.7 * within;
            case LEARNED_CONTEXT -> 0.7 + 0.2 * within;
            case ANTICIPATED_QUESTIONS -> 0.9 + 0.1 * within;
        };
    }
}
