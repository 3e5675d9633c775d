package dev.ponder.llm;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call to one model server shares: its base URL, one JDK HTTP client, the threads
 * that read streams, and the watchdog timer. Owned and closed by the {@link ModelServer}.
 *
 * @param url     the server's base URL
 * @param http    HTTP/1.1 client with a connect timeout, running on {@code readers}
 * @param readers threads that read response bodies, one per open stream (blocking reads)
 * @param timer   one thread that checks stream deadlines
 * @param schemas which models of this server refused a JSON schema (they get plain JSON)
 */
record ModelTransport(URI url, java.net.http.HttpClient http, ExecutorService readers, ScheduledExecutorService timer,
                      SchemaFallback schemas) {

    /** TCP connect deadline for every request. */
    static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(5);

    /**
     * A transport to {@code url}: an HTTP/1.1 client (Ollama and the OpenAI-compatible servers
     * speak it; skipping the h2c upgrade attempt keeps requests plain) with a
     * {@link #CONNECT_TIMEOUT}, daemon reader threads and a daemon watchdog thread, named
     * {@code threadPrefix-http-N} and {@code threadPrefix-watchdog-1}.
     */
    static ModelTransport open(URI url, String threadPrefix) {
        ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(daemonThreads(threadPrefix + "-http"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(readers)
                .build();
        return new ModelTransport(url, http, readers,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(daemonThreads(threadPrefix + "-watchdog")),
                new SchemaFallback(url));
    }

    /** Stops the watchdog and the reader threads; streams still open are abandoned without callbacks. */
    void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
