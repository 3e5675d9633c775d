package dev.ponder.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Documents, their pages and their sections. Every write that belongs together runs in one
 * transaction, so a crash leaves either the whole import or none of it.
 */
public final class LibraryRepository {

    private static final String DOCUMENT_COLUMNS = """
            d.id, d.sha256, d.file_name, d.path, d.byte_size, d.page_count, d.char_count, d.status, d.message,
            d.imported_at, d.file_missing_since, (SELECT COUNT(*) FROM sections s WHERE s.document_id = d.id) AS section_count
            """;

    private final Database db;

    public LibraryRepository(Database db) {
        this.db = db;
    }

    /** All documents, oldest first. */
    public List<DocumentEntry> all() {
        return queryDocuments("ORDER BY d.id", ps -> { });
    }

    public Optional<DocumentEntry> find(long id) {
        return queryDocuments("WHERE d.id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    /** The document with this content, if the library has it. */
    public Optional<DocumentEntry> findBySha256(String sha256) {
        return queryDocuments("WHERE d.sha256 = ?", ps -> ps.setString(1, sha256)).stream().findFirst();
    }

    /** The newest document opened from {@code path}. */
    public Optional<DocumentEntry> findByPath(Path path) {
        return queryDocuments("WHERE d.path = ? ORDER BY d.id DESC", ps -> ps.setString(1, path.toString()))
                .stream().findFirst();
    }

    /**
     * Adds a document in a not-yet-imported state ({@link DocumentStatus#QUEUED},
     * {@link DocumentStatus#FAILED}, …).
     *
     * @return its id
     * @throws StoreException also when a document with the same SHA-256 exists
     */
    public long add(NewDocument doc, DocumentStatus status, Optional<String> message) {
        String sql = "INSERT INTO documents (sha256, file_name, path, byte_size, status, message) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            setNullable(ps, 1, doc.sha256());
            ps.setString(2, doc.fileName());
            ps.setString(3, doc.path().toString());
            ps.setLong(4, doc.byteSize());
            ps.setString(5, status.name());
            setNullable(ps, 6, message);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not add " + doc.fileName() + " to the library.", e);
        }
    }

    /** Changes a document's status and message (and its hash and size, which a re-read may learn). */
    public void updateStatus(long id, DocumentStatus status, Optional<String> message) {
        update("UPDATE documents SET status = ?, message = ? WHERE id = ?", ps -> {
            ps.setString(1, status.name());
            setNullable(ps, 2, message);
            ps.setLong(3, id);
        });
    }

    /** Records the content hash learned after the document was added. */
    public void updateSha256(long id, String sha256, long byteSize) {
        update("UPDATE documents SET sha256 = ?, byte_size = ? WHERE id = ?", ps -> {
            ps.setString(1, sha256);
            ps.setLong(2, byteSize);
            ps.setLong(3, id);
        });
    }

    /**
     * Stores the extracted pages and sections of document {@code id} and marks it READY, all in one
     * transaction; pages and sections stored before for it are replaced.
     *
     * @param warning shown with the ready document (e.g. "the file was damaged; text may be incomplete")
     */
    public void storeContent(long id, List<PageText> pages, List<SectionEntry> sections, Optional<String> warning) {
        storeContent(id, pages, sections, warning, List.of(), Optional.empty());
    }

    /**
     * Like {@link #storeContent(long, List, List, Optional)}, and also replaces the document's
     * ingestion flags and records the hash of its extracted text, in the same transaction.
     *
     * @param flags         what the import noticed, in the order to show them
     * @param contentSha256 hex SHA-256 of the extracted text (see {@code documents.content_sha256})
     */
    public void storeContent(long id, List<PageText> pages, List<SectionEntry> sections, Optional<String> warning,
            List<IngestionFlag> flags, Optional<String> contentSha256) {
        storeContent(id, pages, sections, warning, flags, contentSha256, java.util.Map.of(),
                EmbeddingRepository.BUILT_IN_MODEL);
    }

    /**
     * Like {@link #storeContent(long, List, List, Optional, List, Optional)}, with the words text
     * recognition read on the scanned pages, as the {@code document} package encodes them, and
     * which embedding model made the sections' vectors.
     *
     * @param scanWords      encoded words by page number (see {@code pages.scan_words})
     * @param embeddingModel the model id of the sections' embeddings (e.g. {@link EmbeddingRepository#BUILT_IN_MODEL})
     */
    public void storeContent(long id, List<PageText> pages, List<SectionEntry> sections, Optional<String> warning,
            List<IngestionFlag> flags, Optional<String> contentSha256, java.util.Map<Integer, String> scanWords,
            String embeddingModel) {
        long chars = pages.stream().mapToLong(p -> p.text().length()).sum();
        db.inTransaction("Ponder could not save the text of a document.", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sections WHERE document_id = ?")) {
                del.setLong(1, id);
                del.executeUpdate();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pages WHERE document_id = ?")) {
                del.setLong(1, id);
                del.executeUpdate();
            }
            insertPages(c, id, pages, scanWords);
            insertSections(c, id, sections, embeddingModel);
            replaceFlags(c, id, flags);
            try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET page_count = ?, char_count = ?, "
                    + "status = ?, message = ?, content_sha256 = ? WHERE id = ?")) {
                ps.setInt(1, pages.size());
                ps.setLong(2, chars);
                ps.setString(3, DocumentStatus.READY.name());
                setNullable(ps, 4, warning);
                setNullable(ps, 5, contentSha256);
                ps.setLong(6, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void replaceFlags(Connection c, long id, List<IngestionFlag> flags) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM ingestion_flags WHERE document_id = ?")) {
            del.setLong(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ingestion_flags (document_id, ordinal, page_no, kind, message, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            for (IngestionFlag f : flags) {
                ps.setLong(1, id);
                ps.setInt(2, ordinal++);
                ps.setInt(3, f.pageNo());
                ps.setString(4, f.kind().name());
                ps.setString(5, f.message());
                setNullable(ps, 6, f.detail());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What the import of a document noticed (pages without text, hidden text, attachments, …), in order. */
    public List<IngestionFlag> flags(long documentId) {
        List<IngestionFlag> flags = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT page_no, kind, message, detail FROM ingestion_flags WHERE document_id = ? ORDER BY ordinal")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    flags.add(new IngestionFlag(rs.getInt(1), IngestionFlag.Kind.valueOf(rs.getString(2)),
                            rs.getString(3), Optional.ofNullable(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read what it noticed about a document.", e);
        }
        return flags;
    }

    /** The ready documents with a flag of {@code kind}, oldest first. */
    public List<DocumentEntry> withFlag(IngestionFlag.Kind kind) {
        return queryDocuments("WHERE d.status = 'READY' AND EXISTS (SELECT 1 FROM ingestion_flags f "
                + "WHERE f.document_id = d.id AND f.kind = ?) ORDER BY d.id", ps -> ps.setString(1, kind.name()));
    }

    /** The ready documents whose extracted text has this hash ({@code documents.content_sha256}), oldest first. */
    public List<DocumentEntry> findReadyByContentSha256(String contentSha256) {
        return queryDocuments("WHERE d.content_sha256 = ? AND d.status = 'READY' ORDER BY d.id",
                ps -> ps.setString(1, contentSha256));
    }

    /** The hash of the document's extracted text, empty when not yet known. */
    public Optional<String> contentSha256(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT content_sha256 FROM documents WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read its library.", e);
        }
    }

    /** Ready documents imported before their text was hashed (schema version 5), oldest first. */
    public List<Long> readyWithoutContentSha256() {
        return queryDocuments("WHERE d.content_sha256 IS NULL AND d.status = 'READY' ORDER BY d.id", ps -> { })
                .stream().map(DocumentEntry::id).toList();
    }

    /** Records the hash of a document's extracted text. */
    public void updateContentSha256(long id, String contentSha256) {
        update("UPDATE documents SET content_sha256 = ? WHERE id = ?", ps -> {
            ps.setString(1, contentSha256);
            ps.setLong(2, id);
        });
    }

    private static void insertPages(Connection c, long id, List<PageText> pages, java.util.Map<Integer, String> scanWords)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pages (document_id, page_no, text, has_text, scanned, scan_words) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (PageText p : pages) {
                ps.setLong(1, id);
                ps.setInt(2, p.pageNo());
                ps.setString(3, p.text());
                ps.setBoolean(4, p.hasText());
                ps.setBoolean(5, p.scanned());
                setNullable(ps, 6, Optional.ofNullable(scanWords.get(p.pageNo())));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertSections(Connection c, long id, List<SectionEntry> sections, String embeddingModel)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sections (document_id, ordinal, first_page, last_page, text, text_sha256, embedding,
                    embedding_model)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (SectionEntry s : sections) {
                ps.setLong(1, id);
                ps.setInt(2, s.ordinal());
                ps.setInt(3, s.firstPage());
                ps.setInt(4, s.lastPage());
                ps.setString(5, s.text());
                ps.setString(6, s.textSha256());
                ps.setBytes(7, toBytes(s.embedding()));
                ps.setString(8, embeddingModel);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Records the file's last-modified time (ms since the epoch) when its content was read, so a
     * later check can tell an untouched file without hashing it. Clears a missing mark.
     */
    public void recordFileSeen(long id, long modifiedMs) {
        update("UPDATE documents SET file_modified_ms = ?, file_missing_since = NULL WHERE id = ?", ps -> {
            ps.setLong(1, modifiedMs);
            ps.setLong(2, id);
        });
    }

    /** The file's last-modified time recorded by {@link #recordFileSeen}, in ms since the epoch. */
    public java.util.OptionalLong fileModifiedMs(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT file_modified_ms FROM documents WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long ms = rs.getLong(1);
                    return rs.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(ms);
                }
                return java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read its library.", e);
        }
    }

    /** Marks the document's file as gone from its path since now; a document already marked keeps its time. */
    public void markMissing(long id) {
        update("UPDATE documents SET file_missing_since = COALESCE(file_missing_since, CURRENT_TIMESTAMP) WHERE id = ?",
                ps -> ps.setLong(1, id));
    }

    /**
     * Points a document at the file it now lives in (the user located a moved file); the missing
     * mark is cleared and the recorded last-modified time forgotten, so the next check reads the file.
     */
    public void relocate(long id, Path path, String fileName) {
        update("UPDATE documents SET path = ?, file_name = ?, file_missing_since = NULL, file_modified_ms = NULL "
                + "WHERE id = ?", ps -> {
                    ps.setString(1, path.toString());
                    ps.setString(2, fileName);
                    ps.setLong(3, id);
                });
    }

    /** Removes a document with its pages, sections and citations. */
    public void delete(long id) {
        update("DELETE FROM documents WHERE id = ?", ps -> ps.setLong(1, id));
    }

    /** Pages of a document, in order. */
    public List<PageText> pages(long documentId) {
        return pages(documentId, 1, Integer.MAX_VALUE);
    }

    /**
     * The words text recognition read on a scanned page, as the {@code document} package encoded
     * them; empty for a page with a text layer, or no such page.
     */
    public Optional<String> scanWords(long documentId, int pageNo) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT scan_words FROM pages WHERE document_id = ? AND page_no = ?")) {
            ps.setLong(1, documentId);
            ps.setInt(2, pageNo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the pages of a document.", e);
        }
    }

    /** Pages {@code first}..{@code last} (1-based, inclusive) of a document, in order. */
    public List<PageText> pages(long documentId, int first, int last) {
        List<PageText> pages = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT page_no, text, has_text, scanned FROM pages WHERE document_id = ? AND page_no BETWEEN ? AND ? "
                        + "ORDER BY page_no")) {
            ps.setLong(1, documentId);
            ps.setInt(2, first);
            ps.setInt(3, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pages.add(new PageText(rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the pages of a document.", e);
        }
        return pages;
    }

    /**
     * Sections of the given ready documents, with embeddings; of every ready document when
     * {@code documentIds} is empty.
     */
    public List<SectionEntry> sections(Collection<Long> documentIds) {
        return sections(documentIds, Optional.empty());
    }

    /**
     * As {@link #sections(Collection)}, with the embedding of each section only where embedding model
     * {@code model} made it (an empty array elsewhere): vectors of different models are never compared.
     */
    public List<SectionEntry> sections(Collection<Long> documentIds, String model) {
        return sections(documentIds, Optional.of(model));
    }

    private List<SectionEntry> sections(Collection<Long> documentIds, Optional<String> model) {
        String where = documentIds.isEmpty() ? "" : " AND s.document_id IN ("
                + documentIds.stream().map(i -> "?").collect(Collectors.joining(",")) + ")";
        String sql = """
                SELECT s.id, s.document_id, s.ordinal, s.first_page, s.last_page, s.text, s.text_sha256, s.embedding,
                    s.embedding_model
                FROM sections s JOIN documents d ON d.id = s.document_id
                WHERE d.status = 'READY'""" + where + " ORDER BY s.document_id, s.ordinal";
        List<SectionEntry> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Long id : documentIds) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean comparable = model.isEmpty() || model.get().equals(rs.getString(9));
                    out.add(new SectionEntry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getString(6), rs.getString(7), comparable ? fromBytes(rs.getBytes(8)) : new float[0]));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the library's sections.", e);
        }
        return out;
    }

    /**
     * What each ready document's sections are now, in one cheap query: enough to tell whether a
     * search index built from them is still current (sections get new ids whenever a document's
     * content is stored again).
     */
    public List<SectionSummary> sectionSummaries() {
        String sql = """
                SELECT s.document_id, MIN(s.id), MAX(s.id), COUNT(*), d.language
                FROM sections s JOIN documents d ON d.id = s.document_id
                WHERE d.status = 'READY' GROUP BY s.document_id, d.language ORDER BY s.document_id""";
        List<SectionSummary> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SectionSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                        Optional.ofNullable(rs.getString(5))));
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the library's sections.", e);
        }
        return out;
    }

    /** The detected language of every document (ISO 639-1), empty where none was detected. */
    public java.util.Map<Long, Optional<String>> documentLanguages() {
        java.util.Map<Long, Optional<String>> out = new java.util.HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, language FROM documents");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), Optional.ofNullable(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read its library.", e);
        }
        return out;
    }

    /** Records the language detected in a document's text (ISO 639-1), or that none was clear (empty). */
    public void updateLanguage(long id, Optional<String> language) {
        update("UPDATE documents SET language = ? WHERE id = ?", ps -> {
            setNullable(ps, 1, language);
            ps.setLong(2, id);
        });
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private List<DocumentEntry> queryDocuments(String tail, Database.Binder binder) {
        try (Connection c = db.connection()) {
            return queryDocuments(c, tail, binder);
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read its library.", e);
        }
    }

    /**
     * All documents, oldest first, read on {@code c}: also the read-only connection of the check a
     * start makes before the library is open ({@link LibraryCheck}), so the window can list them early.
     *
     * @throws SQLException when they cannot be read
     */
    static List<DocumentEntry> all(Connection c) throws SQLException {
        return queryDocuments(c, "ORDER BY d.id", ps -> { });
    }

    private static List<DocumentEntry> queryDocuments(Connection c, String tail, Database.Binder binder) throws SQLException {
        String sql = "SELECT " + DOCUMENT_COLUMNS + " FROM documents d " + tail;
        List<DocumentEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DocumentEntry(
                            rs.getLong("id"),
                            Optional.ofNullable(rs.getString("sha256")),
                            rs.getString("file_name"),
                            Path.of(rs.getString("path")),
                            rs.getLong("byte_size"),
                            rs.getInt("page_count"),
                            rs.getLong("char_count"),
                            rs.getInt("section_count"),
                            DocumentStatus.valueOf(rs.getString("status")),
                            Optional.ofNullable(rs.getString("message")),
                            rs.getTimestamp("imported_at").toInstant(),
                            Optional.ofNullable(rs.getTimestamp("file_missing_since")).map(java.sql.Timestamp::toInstant)));
                }
            }
        }
        return out;
    }

    private void update(String sql, Database.Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Ponder could not update its library.", e);
        }
    }

    static void setNullable(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

}
