package dev.ponder.ui;

import dev.ponder.store.Conversation;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import java.util.List;

/**
 * Earlier conversations, to list, reopen and delete ({@link ExchangeRepository} in the
 * application). Every method may block: the chat calls them off the UI thread.
 */
public interface ChatHistory {

    /** Every conversation, the most recently asked in first. */
    List<Conversation> conversations();

    /** One conversation's exchanges, oldest first; empty when it is not there. */
    List<Exchange> conversation(long conversationId);

    /** Deletes a conversation and its exchanges; nothing happens when it is not there. */
    void deleteConversation(long conversationId);

    /** The chat history kept in {@code exchanges}. */
    static ChatHistory of(ExchangeRepository exchanges) {
        return new ChatHistory() {
            @Override
            public List<Conversation> conversations() {
                return exchanges.conversations();
            }

            @Override
            public List<Exchange> conversation(long conversationId) {
                return exchanges.conversation(conversationId);
            }

            @Override
            public void deleteConversation(long conversationId) {
                exchanges.deleteConversation(conversationId);
            }
        };
    }
}
