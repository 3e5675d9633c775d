package dev.ponder.base;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The milestones of one start of the window, in ms since the JVM started, for reports of a slow
 * start: each is logged as it is reached ("Startup: first frame after 1234 ms (JavaFX Application Thread
 * used 567 ms of processor time)"), and
 * {@link #logSummary()} logs them all on one line once the window is ready to use. Process-wide,
 * like the log itself; thread-safe.
 */
public final class StartupTimeline {

    private static final Logger log = LoggerFactory.getLogger(StartupTimeline.class);
    private static final List<String> MILESTONES = new ArrayList<>();
    private static boolean summarised;

    private StartupTimeline() {
    }

    /** Processor time the calling thread has used, in ms. */
    public static long threadCpuMs() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
    }

    /** Milliseconds since the JVM started. */
    public static long sinceJvmStartMs() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Logs that {@code milestone} ("library opened") was reached now, with the processor time the
     * calling thread has used so far (on a busy machine the wall time says as much about the other
     * processes), and keeps it for the summary.
     */
    public static void mark(String milestone) {
        long ms = sinceJvmStartMs();
        synchronized (MILESTONES) {
            MILESTONES.add(milestone + " " + ms);
        }
        log.info("Startup: {} after {} ms ({} used {} ms of processor time)", milestone, ms,
                Thread.currentThread().getName(), threadCpuMs());
    }

    /**
     * As {@link #mark(String)}, for a milestone reached earlier, at {@code atMs} ms since the JVM
     * started, by a thread that could not log then (before the log's folder was known).
     */
    public static void mark(String milestone, long atMs) {
        synchronized (MILESTONES) {
            MILESTONES.add(milestone + " " + atMs);
        }
        log.info("Startup: {} after {} ms", milestone, atMs);
    }

    /** Whether {@code milestone} ("library opened") has been reached in this process. */
    public static boolean reached(String milestone) {
        synchronized (MILESTONES) {
            return MILESTONES.stream().anyMatch(m -> m.startsWith(milestone + " "));
        }
    }

    /** Logs every milestone so far on one line, once: "Startup timeline (ms since the JVM started): …". */
    public static void logSummary() {
        String line;
        synchronized (MILESTONES) {
            if (summarised) {
                return;
            }
            summarised = true;
            line = String.join(" · ", MILESTONES);
        }
        log.info("Startup timeline (ms since the JVM started): {}", line);
    }
}
