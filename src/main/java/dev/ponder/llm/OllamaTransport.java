package dev.ponder.llm;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call to one Ollama server shares: its base URL, one JDK HTTP client, the threads
 * that read streams, and the watchdog timer. Owned and closed by {@link OllamaModelServer}.
 *
 * @param url     Ollama's base URL
 * @param http    HTTP/1.1 client with a connect timeout, running on {@code readers}
 * @param readers threads that read response bodies, one per open stream (blocking reads)
 * @param timer   one thread that checks stream deadlines
 */
record OllamaTransport(URI url, java.net.http.HttpClient http, ExecutorService readers, ScheduledExecutorService timer) {
}
