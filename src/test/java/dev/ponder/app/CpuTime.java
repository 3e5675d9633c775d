package dev.ponder.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The processor time a probe's process has used so far, for {@link StartupBenchmark}: on a machine
 * shared with other work, wall time to a usable window says as much about the others as about
 * Ponder; processor time says what the start itself costs.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** "cpu=1234 classes=5678 uptime=2345 threads=[JavaFX Application Thread 567, …]": process and per-thread
     * processor ms, classes loaded, ms since the JVM started (JIT and GC threads are in the process's only). */
    static String summary() {
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String top = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                .filter(t -> t != null)
                .map(t -> new Object[] {t.getThreadName(), threads.getThreadCpuTime(t.getThreadId()) / 1_000_000})
                .filter(o -> (long) o[1] > 0)
                .sorted(Comparator.comparingLong((Object[] o) -> (long) o[1]).reversed())
                .limit(6)
                .map(o -> o[0] + " " + o[1])
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "cpu=%d classes=%d uptime=%d threads=[%s]", process,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                ManagementFactory.getRuntimeMXBean().getUptime(), top);
    }
}
