package dev.ponder.base;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ponder's one way to make threads: every one is a daemon (it never keeps the JVM alive after the
 * window closed or a command finished; each owner still shuts its executor down) and has a name
 * starting with {@code ponder-}, so a thread dump or a log line says whose it is.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads all named {@code name}: for an executor with one thread. */
    public static ThreadFactory named(String name) {
        return task -> thread(name, task);
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, …: for a pool. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> thread(prefix + "-" + n.incrementAndGet(), task);
    }

    /** A daemon thread named {@code name} that runs {@code task}; not started. */
    public static Thread thread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
