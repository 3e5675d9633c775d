package dev.ponder.llm;

import dev.ponder.base.DaemonThreads;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call to one model server shares: its base URL, one JDK HTTP client, the threads
 * that read streams, and the watchdog timer. Owned and closed by the {@link ModelServer}.
 * It also remembers which models of this server refused a JSON schema ({@link #schemas()}).
 * <p>
 * The HTTP client is made at the first request, not with the server: making one sets up the JDK's
 * TLS context (hundreds of classes, a few hundred ms of processor time on a laptop), which the
 * window's first frame should not wait for (issue #17).
 */
final class ModelTransport {

    /** TCP connect deadline for every request. */
    static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final URI url;
    private final ExecutorService readers;
    private final ScheduledExecutorService timer;
    private final SchemaFallback schemas;
    private volatile java.net.http.HttpClient http;

    private ModelTransport(URI url, ExecutorService readers, ScheduledExecutorService timer) {
        this.url = url;
        this.readers = readers;
        this.timer = timer;
        this.schemas = new SchemaFallback(url);
    }

    /**
     * A transport to {@code url}: an HTTP/1.1 client (Ollama and the OpenAI-compatible servers
     * speak it; skipping the h2c upgrade attempt keeps requests plain) with a
     * {@link #CONNECT_TIMEOUT}, daemon reader threads and a daemon watchdog thread, named
     * {@code threadPrefix-http-N} and {@code threadPrefix-watchdog-1}.
     */
    static ModelTransport open(URI url, String threadPrefix) {
        return new ModelTransport(url,
                java.util.concurrent.Executors.newCachedThreadPool(DaemonThreads.numbered(threadPrefix + "-http")),
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered(threadPrefix + "-watchdog")));
    }

    /** The server's base URL. */
    URI url() {
        return url;
    }

    /** The HTTP/1.1 client with a connect timeout, running on {@link #readers()}; made at the first call. */
    java.net.http.HttpClient http() {
        java.net.http.HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = java.net.http.HttpClient.newBuilder()
                            .version(java.net.http.HttpClient.Version.HTTP_1_1)
                            .connectTimeout(CONNECT_TIMEOUT)
                            .executor(readers)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** Threads that read response bodies, one per open stream (blocking reads). */
    ExecutorService readers() {
        return readers;
    }

    /** One thread that checks stream deadlines. */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** Which models of this server refused a JSON schema (they get plain JSON); one per transport. */
    SchemaFallback schemas() {
        return schemas;
    }

    /** Stops the watchdog and the reader threads; streams still open are abandoned without callbacks. */
    void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }
}
