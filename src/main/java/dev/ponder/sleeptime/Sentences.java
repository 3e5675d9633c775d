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

    /** "section 3 of 7", "writing the learned context (part 2 of 5)", "anticipating questions": the step's own words. */
    static String stepProgress(SleepStep step, int done, int total) {
        return step.progress(done, total);
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
}
