package dev.ponder.sleeptime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current status and document states, and the listeners told when they change. Thread-safe. */
final class StatusBoard {

    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);

    private final List<SleepTimeListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, DocumentSleepState> documents = new ConcurrentHashMap<>();
    /** Before the scheduler's first look at the library (it starts once the window is shown), nothing is known. */
    private volatile SleepTimeStatus status = new SleepTimeStatus(SleepTimeState.NO_DOCUMENTS, Sentences.notLookedYet(),
            OptionalLong.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0, 0);
    private volatile boolean listenerFailed;

    SleepTimeStatus status() {
        return status;
    }

    Optional<DocumentSleepState> document(long id) {
        return Optional.ofNullable(documents.get(id));
    }

    List<DocumentSleepState> documents() {
        return documents.values().stream().sorted(java.util.Comparator.comparingLong(DocumentSleepState::documentId))
                .toList();
    }

    void addListener(SleepTimeListener l) {
        listeners.add(l);
    }

    void removeListener(SleepTimeListener l) {
        listeners.remove(l);
    }

    void publish(SleepTimeStatus next) {
        synchronized (this) {
            if (next.equals(status)) {
                return;
            }
            status = next;
        }
        log.debug("Sleep-time status: {}", next.sentence());
        for (SleepTimeListener l : listeners) {
            call(() -> l.statusChanged(next));
        }
    }

    void publish(DocumentSleepState next) {
        DocumentSleepState before = documents.put(next.documentId(), next);
        if (next.equals(before)) {
            return;
        }
        for (SleepTimeListener l : listeners) {
            call(() -> l.documentChanged(next));
        }
    }

    void forget(long documentId) {
        documents.remove(documentId);
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                log.warn("A sleep-time listener failed; later failures are logged at debug level", e);
            } else {
                log.debug("A sleep-time listener failed again: {}", e.toString());
            }
        }
    }
}
