package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import java.util.Optional;

/**
 * Picks the library row an import writes to, so one content never gets two rows: the READY
 * document with the same hash (then nothing is imported), else the earlier row with that hash
 * (a retry after a failure or a password prompt), else the row being resumed, else an earlier
 * failed row for the same path that could not be read then, else a new row.
 */
final class RowChoice {

    private final LibraryRepository repository;
    private long rowId = -1;

    RowChoice(LibraryRepository repository) {
        this.repository = repository;
    }

    /**
     * Chooses the row and sets it to {@code status} with {@code message}.
     *
     * @param target the row being resumed, if any
     * @return the READY document that already has this content, when there is one; then no row
     *         was chosen and a resumed {@code target} row (now a duplicate) was removed
     */
    Optional<DocumentEntry> choose(FileFacts facts, Optional<DocumentEntry> target, DocumentStatus status,
            Optional<String> message) {
        Optional<DocumentEntry> sameContent = repository.findBySha256(facts.sha256());
        if (sameContent.isPresent()) {
            DocumentEntry existing = sameContent.get();
            target.filter(t -> t.id() != existing.id()).ifPresent(t -> repository.delete(t.id()));
            if (existing.status() == DocumentStatus.READY) {
                if (existing.path().equals(facts.path())) {
                    repository.recordFileSeen(existing.id(), facts.modifiedMs()); // reopened, or back where it was
                }
                return Optional.of(existing);
            }
            rowId = existing.id();
        } else {
            Optional<DocumentEntry> reusable = target.or(() -> repository.findByPath(facts.path())
                    .filter(d -> d.sha256().isEmpty() && d.status() == DocumentStatus.FAILED));
            if (reusable.isPresent()) {
                rowId = reusable.get().id();
                // status first: a crash between the two leaves a row that is re-imported at the next
                // start, never a READY row whose hash is new while its text is old
                repository.updateStatus(rowId, status, message);
                repository.updateSha256(rowId, facts.sha256(), facts.byteSize());
            } else {
                rowId = repository.add(facts.toNewDocument(), status, message);
                repository.recordFileSeen(rowId, facts.modifiedMs());
                return Optional.empty();
            }
        }
        repository.updateStatus(rowId, status, message);
        repository.recordFileSeen(rowId, facts.modifiedMs());
        return Optional.empty();
    }

    /** The chosen row; valid after {@link #choose} returned empty. */
    long rowId() {
        if (rowId < 0) {
            throw new IllegalStateException("no row chosen");
        }
        return rowId;
    }
}
