package dev.ponder.testing;

import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.answer.AnswerService;
import dev.ponder.store.Exchange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks a question through {@link AnswerService} and waits for its stored exchange, for tests. */
public final class Asking {

    private Asking() {
    }

    /**
     * The exchange {@code request} ends in, whatever its status.
     *
     * @throws java.util.concurrent.TimeoutException when it takes more than {@code seconds}
     */
    public static Exchange ask(AnswerService answers, AnswerRequest request, long seconds) throws Exception {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        answers.ask(request, new AnswerListener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onFinished(Exchange exchange) {
                done.complete(exchange);
            }
        });
        return done.get(seconds, TimeUnit.SECONDS);
    }
}
