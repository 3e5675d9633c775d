package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a document's file with what the library holds, cheapest test first: gone → marked
 * missing; same size and last-modified time as when it was read → unchanged, without reading it;
 * else hashed: same SHA-256 → unchanged (only touched); new content → imported again into the
 * same row. Blocking; {@link LibraryService} runs it on its import thread.
 */
final class FileChecker {

    private static final Logger log = LoggerFactory.getLogger(FileChecker.class);

    private final LibraryRepository repository;
    private final DocumentImporter importer;

    FileChecker(LibraryRepository repository, DocumentImporter importer) {
        this.repository = repository;
        this.importer = importer;
    }

    FileCheck check(long id, ImportProgress progress) {
        Optional<DocumentEntry> found = repository.find(id);
        if (found.isEmpty() || busy(found.get().status())) {
            return new FileCheck.Skipped(id);
        }
        DocumentEntry row = found.get();
        Optional<BasicFileAttributes> attributes = attributes(row.path());
        if (attributes.isEmpty() || !attributes.get().isRegularFile()) {
            return missing(row, progress);
        }
        long modified = attributes.get().lastModifiedTime().toMillis();
        OptionalLong seen = repository.fileModifiedMs(id);
        if (!row.missing() && row.sha256().isPresent() && attributes.get().size() == row.byteSize()
                && seen.isPresent() && seen.getAsLong() == modified) {
            return new FileCheck.Unchanged(row);
        }
        FileFacts facts;
        try {
            facts = importer.facts(row.path());
        } catch (IOException e) {
            log.info("Cannot read {} of document {}: {}", row.path(), id, e.toString());
            return missing(row, progress);
        }
        if (row.sha256().filter(facts.sha256()::equals).isPresent()) {
            repository.recordFileSeen(id, facts.modifiedMs());
            DocumentEntry now = row.missing() ? importer.changed(id, progress) : row;
            return new FileCheck.Unchanged(now);
        }
        Optional<DocumentEntry> other = repository.findBySha256(facts.sha256()).filter(d -> d.id() != id);
        if (other.isPresent()) {
            // one content, one row: this document keeps what it had rather than lose its chats to the other
            repository.recordFileSeen(id, facts.modifiedMs());
            repository.updateStatus(id, row.status(), Optional.of(sameAs(row, other.get())));
            return new FileCheck.SameAsOther(importer.changed(id, progress), other.get());
        }
        return new FileCheck.Reimported(importer.reimport(facts, row, progress));
    }

    private static boolean busy(DocumentStatus status) {
        return status == DocumentStatus.QUEUED || status == DocumentStatus.IMPORTING
                || status == DocumentStatus.NEEDS_PASSWORD;
    }

    private FileCheck missing(DocumentEntry row, ImportProgress progress) {
        if (row.missing()) {
            return new FileCheck.Missing(row);
        }
        log.info("{} (document {}) is gone from its path", row.path(), row.id());
        repository.markMissing(row.id());
        return new FileCheck.Missing(importer.changed(row.id(), progress));
    }

    /** Its attributes, or empty when it is not there or its folder or drive cannot be reached. */
    private static Optional<BasicFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, new LinkOption[0]));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    static String sameAs(DocumentEntry row, DocumentEntry other) {
        return row.fileName() + " was changed and now holds the same content as " + other.fileName()
                + ", which is already in your library; Ponder kept the version it had read before.";
    }
}
