package dev.ponder.ui;

import dev.ponder.store.Exchange;
import java.util.List;

/** Earlier questions and answers ({@code ExchangeRepository::recent} in the application). */
@FunctionalInterface
public interface ChatHistory {

    /** The most recent {@code limit} exchanges, oldest first. May block. */
    List<Exchange> recent(int limit);
}
