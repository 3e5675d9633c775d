package dev.ponder.llm;

import dev.langchain4j.exception.HttpException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Falls back from a JSON schema to plain JSON for the models of one server that refuse a schema,
 * and remembers them. Ollama before 0.5 takes {@code format} only as a string and answers 400
 * ({@code json: cannot unmarshal object into … format of type string}); a current Ollama answers a
 * schema it cannot turn into a grammar with {@code invalid JSON schema in format} (HTTP 500, or an
 * error line in a stream); some OpenAI-compatible servers answer 400 or 422 to
 * {@code response_format} {@code json_schema}. The same prompt is then sent once more as
 * {@code "format":"json"} ({@code json_object}), and every later prompt to that model goes without a
 * schema (logged once). Remembered for the life of the {@link ModelTransport}, i.e. per server
 * address and model, until Ponder restarts.
 */
final class SchemaFallback {

    private static final Logger log = LoggerFactory.getLogger(SchemaFallback.class);

    /** A blocking call of one prompt. */
    @FunctionalInterface
    interface Call {
        Completion complete(Prompt prompt) throws LlmException;
    }

    /** Opens a stream of one prompt. */
    @FunctionalInterface
    interface Opener {
        StreamHandle open(Prompt prompt, StreamListener listener);
    }

    private final URI url;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    SchemaFallback(URI url) {
        this.url = url;
    }

    /** Whether {@code model} refused a schema before (then prompts to it go as plain JSON). */
    boolean refused(String model) {
        return refused.contains(model);
    }

    /** {@code prompt} as it goes to {@code model}: without its schema once the model refused one. */
    Prompt effective(String model, Prompt prompt) {
        return prompt.schema() != null && refused(model) ? prompt.asJson() : prompt;
    }

    /** Calls {@code call} with {@code prompt}; once more without the schema if the server refused it. */
    Completion complete(String model, Prompt prompt, Call call) throws LlmException {
        Prompt sent = effective(model, prompt);
        try {
            return call.complete(sent);
        } catch (LlmException e) {
            if (!refusal(sent, e)) {
                throw e;
            }
            remember(model, e);
            return call.complete(sent.asJson());
        }
    }

    /**
     * Streams {@code prompt}; when the server refuses its schema before any token, streams it again
     * without the schema to the same listener. The handle cancels whichever stream runs.
     */
    StreamHandle stream(String model, Prompt prompt, StreamListener listener, Opener opener) {
        Prompt sent = effective(model, prompt);
        if (sent.schema() == null) {
            return opener.open(sent, listener);
        }
        Retrying retrying = new Retrying(model, sent, listener, opener);
        retrying.started(opener.open(sent, retrying));
        return retrying;
    }

    /**
     * Whether {@code failure} is the server refusing the schema {@code sent} carried: an HTTP error
     * (other than 401, 403, 404, 408 or 429) or an error line whose text speaks of the schema, the
     * format or a grammar.
     */
    static boolean refusal(Prompt sent, LlmException failure) {
        return sent.schema() != null && refusalText(failure) != null;
    }

    /** The server's words when {@code failure} looks like a refused format, else {@code null}. */
    private static String refusalText(LlmException failure) {
        for (Throwable t : OllamaFailures.chain(failure)) {
            if (t instanceof HttpException h) {
                int status = h.statusCode();
                boolean ruledOut = status == 401 || status == 403 || status == 404 || status == 408 || status == 429;
                return !ruledOut && speaksOfFormat(h.getMessage()) ? h.getMessage() : null;
            }
            if (t instanceof StreamFault f && f.type() == StreamFault.Type.ERROR_LINE) {
                return speaksOfFormat(f.detail()) ? f.detail() : null;
            }
        }
        return null;
    }

    private static boolean speaksOfFormat(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return t.contains("schema") || t.contains("format") || t.contains("grammar");
    }

    private void remember(String model, LlmException e) {
        if (refused.add(model)) {
            log.warn("The model server at {} refused a JSON schema for {} ({}); Ponder asks it for plain JSON from now "
                    + "on and checks the answers' shape itself", url, model,
                    OllamaFailures.brief(String.valueOf(refusalText(e))));
        }
    }

    /** A stream that is opened again without its schema when the server refuses the schema. */
    private final class Retrying implements StreamListener, StreamHandle {
        private final String model;
        private final Prompt sent;
        private final StreamListener listener;
        private final Opener opener;
        private final Object lock = new Object();
        private StreamHandle current;
        private boolean cancelled;
        private volatile boolean tokens;

        Retrying(String model, Prompt sent, StreamListener listener, Opener opener) {
            this.model = model;
            this.sent = sent;
            this.listener = listener;
            this.opener = opener;
        }

        void started(StreamHandle first) {
            synchronized (lock) {
                if (current == null) {
                    current = first;
                }
            }
        }

        @Override
        public void onToken(String token) {
            tokens = true;
            listener.onToken(token);
        }

        @Override
        public void onComplete(Completion completion) {
            listener.onComplete(completion);
        }

        @Override
        public void onError(LlmException error) {
            if (tokens || !refusal(sent, error)) {
                listener.onError(error);
                return;
            }
            remember(model, error);
            synchronized (lock) {
                if (!cancelled) {
                    current = opener.open(sent.asJson(), listener);
                }
            }
        }

        @Override
        public void cancel() {
            StreamHandle h;
            synchronized (lock) {
                cancelled = true;
                h = current;
            }
            if (h != null) {
                h.cancel();
            }
        }
    }
}
