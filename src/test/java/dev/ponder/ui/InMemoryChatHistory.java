package dev.ponder.ui;

import dev.ponder.store.Conversation;
import dev.ponder.store.Exchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Conversations kept in memory for window and view-model tests, grouped the way the store groups
 * them. Exchanges given with conversation id 0 belong to conversation 1. Thread-safe enough for a
 * background executor.
 */
final class InMemoryChatHistory implements ChatHistory {

    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    final List<Long> deleted = new CopyOnWriteArrayList<>();
    private long nextConversation = 100;

    InMemoryChatHistory() {
    }

    InMemoryChatHistory(List<Exchange> earlier) {
        earlier.forEach(e -> exchanges.add(e.conversationId() == 0 ? e.stored(e.id(), 1) : e));
    }

    /** Stores an exchange as {@code ExchangeRepository.save} does: conversation 0 starts a new one. */
    synchronized Exchange save(Exchange e) {
        Exchange stored = e.conversationId() == 0 ? e.stored(e.id(), nextConversation++) : e;
        exchanges.add(stored);
        return stored;
    }

    @Override
    public List<Conversation> conversations() {
        Map<Long, List<Exchange>> by = new LinkedHashMap<>();
        exchanges.forEach(e -> by.computeIfAbsent(e.conversationId(), k -> new ArrayList<>()).add(e));
        return by.entrySet().stream()
                .map(en -> new Conversation(en.getKey(), en.getValue().get(0).question(), en.getValue().get(0).askedAt(),
                        en.getValue().size(), en.getValue().get(en.getValue().size() - 1).askedAt()))
                .sorted(Comparator.comparing(Conversation::lastAskedAt).thenComparing(Conversation::id).reversed())
                .toList();
    }

    @Override
    public List<Exchange> conversation(long conversationId) {
        return exchanges.stream().filter(e -> e.conversationId() == conversationId).toList();
    }

    @Override
    public void deleteConversation(long conversationId) {
        deleted.add(conversationId);
        exchanges.removeIf(e -> e.conversationId() == conversationId);
    }
}
