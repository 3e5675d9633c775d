package dev.ponder.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;

/**
 * The words for the faults of one kind of model server: turns whatever langchain4j, the JDK HTTP
 * client or {@link ModelHttpClient} threw into an {@link LlmException} with a {@link LlmException.Kind}
 * and one sentence that says what happened and what to do. {@link OllamaFailures} speaks of Ollama,
 * {@link OpenAiFailures} of an OpenAI-compatible server.
 */
interface ModelFailures {

    /** The model the requests are for; {@code null} for server-level calls. */
    String model();

    /**
     * Maps any failure of a call by the first cause that tells what happened, in this order: an
     * {@link LlmException} (returned as is), a fault Ponder's client saw in the stream, an HTTP
     * status, an unreachable server, a timeout, an answer that is not the server's protocol, a
     * broken connection; anything else is a server error.
     */
    default LlmException map(Throwable failure) {
        List<Throwable> chain = OllamaFailures.chain(failure);
        for (Throwable t : chain) {
            if (t instanceof LlmException e) {
                return e;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof StreamFault f) {
                return fromStreamFault(f, failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof HttpException h) {
                return fromHttpStatus(h, failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof UnresolvedAddressException || t instanceof UnresolvedModelServerException) {
                return unreachable(failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return tooSlow(failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof JsonProcessingException) {
                return notThisProtocol(failure);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException) {
                return connectionLost(failure);
            }
        }
        return otherFailure(failure);
    }

    /**
     * A garbled line after good ones ({@link StreamFault.Type#BROKEN_LINE}): "The model server sent a
     * broken reply …", with what to do.
     *
     * @param lastResort what to do when it keeps happening, e.g. "restart Ollama"
     */
    static LlmException brokenReply(String lastResort, Throwable failure) {
        return new LlmException(LlmException.Kind.SERVER_ERROR, "The model server sent a broken reply in the middle "
                + "of the answer (a line that is not JSON) — " + dev.ponder.settings.Advice.AGAIN
                + "; if it keeps happening, " + lastResort + ".", failure);
    }

    /** An error line, a non-JSON line or an early end that {@link ModelHttpClient} saw in the stream. */
    LlmException fromStreamFault(StreamFault fault, Throwable failure);

    /** The server answered with an HTTP error status. */
    LlmException fromHttpStatus(HttpException e, Throwable failure);

    /** Nothing answers at the server's address. */
    LlmException unreachable(Throwable failure);

    /** The JDK client or langchain4j gave up waiting. */
    LlmException tooSlow(Throwable failure);

    /** What came back is not this server's protocol. */
    LlmException notThisProtocol(Throwable failure);

    /** The connection broke off mid-answer. */
    LlmException connectionLost(Throwable failure);

    /** Any other failure. */
    LlmException otherFailure(Throwable failure);

    /**
     * A stream that sent nothing for {@code waited}.
     *
     * @param started whether any data had arrived before (mid-answer) or not (still loading)
     */
    LlmException stalled(Duration waited, boolean started);
}
