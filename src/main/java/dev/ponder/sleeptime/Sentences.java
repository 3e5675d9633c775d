package dev.ponder.sleeptime;

import dev.ponder.settings.Advice;
import java.util.List;

/** The words sleep-time compute uses for what it is doing; one place, so the UI and the CLI say the same. */
final class Sentences {

    private Sentences() {
    }

    /**
     * Work is due but the person is not away yet: "You're active — thinking starts after 20 s without
     * input" once they have used the window, "Thinking starts after 20 s without input" before (right
     * after launch nobody has been active yet).
     */
    static String userActive(boolean inputSeen, java.time.Duration threshold) {
        String when = "thinking starts after " + seconds(threshold) + " without input";
        return inputSeen ? "You're active — " + when : Character.toUpperCase(when.charAt(0)) + when.substring(1);
    }

    /** "20 s", "1 min 30 s". */
    static String seconds(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    static String answering() {
        return "Answering your question — thinking paused";
    }

    static String paused() {
        return "Thinking paused — switch Pause off to let Ponder think while you are away";
    }

    static String noDocuments() {
        return "Nothing to think about yet: no document is ready"; // true too while the first one is being read
    }

    static String notLookedYet() {
        return "Looking at your documents…";
    }

    /** What a step's failure says when Ponder will try it again without being asked. */
    static final String RETRIES = "tries again later";

    static String ready(int questions, int documents) {
        String q = questions + (questions == 1 ? " question" : " questions") + " anticipated";
        return documents <= 1 ? "Ready: " + q : "Ready: " + q + " for " + documents + " documents";
    }

    /**
     * Every document whose step failed, each with its reason (which says what to do), and that
     * Ponder tries again by itself, or at once with {@link Advice#AGAIN} ("press Think now" in the
     * window). One reason shared by all is said once.
     *
     * @param failures file name → reason, in the order to list them; not empty
     */
    static String retryLater(java.util.Map<String, String> failures) {
        java.util.Set<String> reasons = new java.util.LinkedHashSet<>(failures.values());
        String names = names(List.copyOf(failures.keySet()));
        String sentence;
        if (reasons.size() == 1) {
            sentence = "Could not finish thinking about " + names + ": " + reasons.iterator().next();
        } else {
            StringBuilder b = new StringBuilder("Could not finish thinking about " + failures.size() + " documents:");
            failures.forEach((name, reason) -> b.append("\n• ").append(name).append(": ").append(reason));
            sentence = b.toString();
        }
        boolean saysWhatToDo = reasons.stream().allMatch(r -> r.contains(Advice.AGAIN));
        // a reason that says so already ("… — Ponder tries again later") is not followed by the same words
        boolean saysItRetries = reasons.stream().allMatch(r -> r.contains(RETRIES));
        String end = sentence.endsWith(".") ? "" : ".";
        return saysWhatToDo ? sentence
                : saysItRetries ? sentence + end + "\nTo try now, " + Advice.AGAIN + "."
                : sentence + end + "\nPonder " + RETRIES + " by itself; " + Advice.AGAIN + " to try now.";
    }

    /** "a.pdf", "a.pdf and b.pdf", "a.pdf, b.pdf and c.pdf". */
    static String names(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
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
