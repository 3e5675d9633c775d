package dev.ponder.store;

import dev.ponder.base.Hashing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Learned contexts c′ (versioned per document) and anticipated questions. Each result is stored
 * in the same transaction that marks its sleep-time step DONE, so a crash leaves either both or
 * neither, and a redone step never duplicates a row.
 */
public final class LearnedContextRepository {

    private static final String CONTEXT_COLUMNS = """
            id, document_id, version, input_key, model, prompt_version, structure, rendered, rendered_tokens,
            budget_tokens, created_at, noted_sections, section_count""";
    private static final String QUESTION_COLUMNS = """
            id, document_id, learned_context_id, ordinal, question, answer, pages, embedding, generation,
            prompt_tokens, completion_tokens, grounding, ungrounded_terms""";

    private final Database db;
    /**
     * Anticipated questions by c′ id, as {@link #anticipatedQuestionsOf} read them: every question asked
     * matches against them, and decoding their embeddings each time costs more than the match. This
     * class is the only writer of the table (one process per library), so its writes clear the cache.
     */
    private final Map<Long, List<AnticipatedQuestion>> questionsByContext = new ConcurrentHashMap<>();
    /** As {@link #questionsByContext}, for {@link #anticipatedQuestionsOf(long, String)}: by c′ id and model. */
    private final Map<String, List<AnticipatedQuestion>> questionsByContextAndModel = new ConcurrentHashMap<>();

    public LearnedContextRepository(Database db) {
        this.db = db;
    }

    /** The document's c′ made from input {@code inputKey}, if there is one. */
    public Optional<LearnedContextEntry> learnedContext(long documentId, String inputKey) {
        return contexts("WHERE document_id = ? AND input_key = ?", ps -> {
            ps.setLong(1, documentId);
            ps.setString(2, inputKey);
        }).stream().findFirst();
    }

    /** The document's newest c′, current or stale. */
    public Optional<LearnedContextEntry> latestLearnedContext(long documentId) {
        return contexts("WHERE document_id = ? ORDER BY version DESC LIMIT 1", ps -> ps.setLong(1, documentId))
                .stream().findFirst();
    }

    /**
     * The c′ test time may quote for a document: its newest c′ made from the content the document
     * has now (the sleep-time model or prompts may have changed since; the facts have not). Empty
     * when sleep-time has not read this content yet.
     */
    public Optional<LearnedContextEntry> usableLearnedContext(long documentId) {
        String content = contentKey(documentId);
        return contexts("WHERE document_id = ? AND (content_sha256 = ? OR content_sha256 IS NULL) "
                + "ORDER BY version DESC LIMIT 1", ps -> {
            ps.setLong(1, documentId);
            ps.setString(2, content);
        }).stream().findFirst();
    }

    /**
     * The anticipated questions test time may serve for a document: those of its newest c′ of the
     * content it has now that has questions. While sleep-time refreshes c′, the refreshed c′ is
     * quoted at once and the questions of the one before it are served until its own are stored.
     * Each question's embedding only where embedding model {@code model} made it, as
     * {@link #anticipatedQuestionsOf(long, String)}.
     */
    public List<AnticipatedQuestion> usableAnticipatedQuestions(long documentId, String model) {
        String content = contentKey(documentId);
        long[] id = {-1};
        db.query("Ponder could not read the questions it anticipated.", """
                SELECT lc.id FROM learned_contexts lc
                WHERE lc.document_id = ? AND (lc.content_sha256 = ? OR lc.content_sha256 IS NULL)
                    AND EXISTS (SELECT 1 FROM anticipated_questions q WHERE q.learned_context_id = lc.id)
                ORDER BY lc.version DESC LIMIT 1""", ps -> {
            ps.setLong(1, documentId);
            ps.setString(2, content);
        }, rs -> id[0] = rs.getLong(1));
        return id[0] < 0 ? List.of() : anticipatedQuestionsOf(id[0], model);
    }

    /** The newest anticipated questions made from c′ {@code learnedContextId}, in order. */
    public List<AnticipatedQuestion> anticipatedQuestionsOf(long learnedContextId) {
        List<AnticipatedQuestion> cached = questionsByContext.get(learnedContextId);
        if (cached != null) {
            return cached;
        }
        List<AnticipatedQuestion> read = List.copyOf(questions("""
                WHERE learned_context_id = ? AND input_key = (SELECT input_key FROM anticipated_questions
                    WHERE learned_context_id = ? ORDER BY id DESC LIMIT 1)
                ORDER BY ordinal""", ps -> {
            ps.setLong(1, learnedContextId);
            ps.setLong(2, learnedContextId);
        }));
        questionsByContext.put(learnedContextId, read);
        return read;
    }

    /**
     * As {@link #anticipatedQuestionsOf(long)}, with each question's embedding only where embedding
     * model {@code model} made it (an empty array elsewhere): vectors of different models are never
     * compared.
     */
    public List<AnticipatedQuestion> anticipatedQuestionsOf(long learnedContextId, String model) {
        return questionsByContextAndModel.computeIfAbsent(learnedContextId + "\n" + model, k -> {
            java.util.Set<Long> ofModel = new java.util.HashSet<>();
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM anticipated_questions WHERE learned_context_id = ? AND embedding_model = ?")) {
                ps.setLong(1, learnedContextId);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ofModel.add(rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("Ponder could not read the questions it anticipated.", e);
            }
            return anticipatedQuestionsOf(learnedContextId).stream().map(q -> ofModel.contains(q.id()) ? q
                    : new AnticipatedQuestion(q.id(), q.documentId(), q.learnedContextId(), q.ordinal(), q.question(),
                            q.answer(), q.pages(), new float[0], q.generation(), q.promptTokens(), q.completionTokens()))
                    .toList();
        });
    }

    /** Forgets the questions read so far, after their vectors changed (the library moved to another embedding model). */
    public void forgetCachedQuestions() {
        questionsByContext.clear();
        questionsByContextAndModel.clear();
    }

    /** Hex SHA-256 of the document's section text hashes in order: what its content is now. */
    private String contentKey(long documentId) {
        try (Connection c = db.connection()) {
            return contentKey(c, documentId);
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the learned context of a document.", e);
        }
    }

    private static String contentKey(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT text_sha256 FROM sections WHERE document_id = ? ORDER BY ordinal")) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> sectionHashes = new ArrayList<>();
                while (rs.next()) {
                    sectionHashes.add(rs.getString(1));
                }
                return Hashing.sha256Hex(',', sectionHashes);
            }
        }
    }

    /**
     * Stores a new version of a document's c′ and marks {@code step} DONE for its input key, in one
     * transaction. When a c′ with the same input key exists (the same content thought about
     * before) it is kept and returned instead.
     *
     * @param structureJson  summary, key facts, inferences, timeline and lists, as JSON
     * @param rendered       the text test-time prompts quote
     * @param renderedTokens estimated tokens of {@code rendered}
     * @return the stored c′
     */
    public LearnedContextEntry saveLearnedContext(long documentId, String inputKey, String model, String promptVersion,
                                                  String structureJson, String rendered, int renderedTokens,
                                                  int budgetTokens, String step) {
        return saveLearnedContext(documentId, inputKey, model, promptVersion, structureJson, rendered, renderedTokens,
                budgetTokens, NotesCoverage.COMPLETE, Optional.of(step));
    }

    /**
     * As {@link #saveLearnedContext(long, String, String, String, String, String, int, int, String)}, for
     * a c′ made from {@code coverage} of the document's notes, marking {@code step} DONE only when
     * given (a step that stores more after c′ marks itself DONE with the last of it).
     */
    public LearnedContextEntry saveLearnedContext(long documentId, String inputKey, String model, String promptVersion,
                                                  String structureJson, String rendered, int renderedTokens,
                                                  int budgetTokens, NotesCoverage coverage, Optional<String> step) {
        db.inTransaction("Ponder could not save the learned context of a document.", c -> {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM learned_contexts WHERE document_id = ? AND input_key = ?")) {
                ps.setLong(1, documentId);
                ps.setString(2, inputKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    exists = rs.getInt(1) > 0;
                }
            }
            if (!exists) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO learned_contexts (document_id, version, input_key, model, prompt_version, structure,
                            rendered, rendered_tokens, budget_tokens, content_sha256, noted_sections, section_count)
                        VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM learned_contexts WHERE document_id = ?),
                            ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    ps.setLong(1, documentId);
                    ps.setLong(2, documentId);
                    ps.setString(3, inputKey);
                    ps.setString(4, model);
                    ps.setString(5, promptVersion);
                    ps.setString(6, structureJson);
                    ps.setString(7, rendered);
                    ps.setInt(8, renderedTokens);
                    ps.setInt(9, budgetTokens);
                    ps.setString(10, contentKey(c, documentId));
                    ps.setInt(11, coverage.notedSections());
                    ps.setInt(12, coverage.sections());
                    ps.executeUpdate();
                }
            }
            if (step.isPresent()) {
                SleepTimeRepository.markStep(c, documentId, step.get(), inputKey, SleepStepEntry.Status.DONE,
                        Optional.empty());
            }
            return null;
        });
        return learnedContext(documentId, inputKey).orElseThrow();
    }

    /** The anticipated questions made for {@code inputKey}, in order. */
    public List<AnticipatedQuestion> anticipatedQuestions(long documentId, String inputKey) {
        return questions("WHERE document_id = ? AND input_key = ? ORDER BY ordinal", ps -> {
            ps.setLong(1, documentId);
            ps.setString(2, inputKey);
        });
    }

    /** The newest set of anticipated questions of a document (of a current or a stale c′), in order. */
    public List<AnticipatedQuestion> latestAnticipatedQuestions(long documentId) {
        return questions("""
                WHERE document_id = ? AND input_key = (SELECT input_key FROM anticipated_questions WHERE document_id = ?
                    ORDER BY id DESC LIMIT 1)
                ORDER BY ordinal""", ps -> {
            ps.setLong(1, documentId);
            ps.setLong(2, documentId);
        });
    }

    /**
     * Replaces the set of anticipated questions for {@code inputKey} and marks {@code step} DONE,
     * in one transaction.
     */
    public void saveAnticipatedQuestions(long documentId, long learnedContextId, String inputKey,
                                         List<AnticipatedQuestion> questions, String step) {
        questionsByContext.clear();
        try {
            saveQuestions(documentId, learnedContextId, inputKey, questions, step);
        } finally {
            forgetCachedQuestions();
        }
    }

    private void saveQuestions(long documentId, long learnedContextId, String inputKey,
                               List<AnticipatedQuestion> questions, String step) {
        db.inTransaction("Ponder could not save the questions it anticipated.", c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM anticipated_questions WHERE document_id = ? AND input_key = ?")) {
                del.setLong(1, documentId);
                del.setString(2, inputKey);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO anticipated_questions (document_id, learned_context_id, input_key, ordinal, question,
                        answer, pages, embedding, generation, prompt_tokens, completion_tokens, grounding, ungrounded_terms,
                        embedding_model)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        (SELECT active_model FROM embedding_choice WHERE id = 1))""", Statement.NO_GENERATED_KEYS)) {
                int ordinal = 0;
                for (AnticipatedQuestion q : questions) {
                    ps.setLong(1, documentId);
                    ps.setLong(2, learnedContextId);
                    ps.setString(3, inputKey);
                    ps.setInt(4, ordinal++);
                    ps.setString(5, q.question());
                    ps.setString(6, q.answer());
                    ps.setString(7, q.pages().stream().map(String::valueOf).collect(Collectors.joining(",")));
                    ps.setBytes(8, LibraryRepository.toBytes(q.embedding()));
                    ps.setInt(9, q.generation());
                    ps.setInt(10, q.promptTokens());
                    ps.setInt(11, q.completionTokens());
                    ps.setString(12, q.grounding().name());
                    ps.setString(13, terms(q.ungroundedTerms()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            SleepTimeRepository.markStep(c, documentId, step, inputKey, SleepStepEntry.Status.DONE, Optional.empty());
            return null;
        });
    }

    /** A row's coverage; NULL columns (a c′ stored before coverage was recorded) mean complete. */
    private static NotesCoverage coverage(ResultSet rs) throws SQLException {
        int noted = rs.getInt(12);
        if (rs.wasNull()) {
            return NotesCoverage.COMPLETE;
        }
        return new NotesCoverage(noted, rs.getInt(13));
    }

    private List<LearnedContextEntry> contexts(String tail, Database.Binder binder) {
        List<LearnedContextEntry> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + CONTEXT_COLUMNS + " FROM learned_contexts " + tail)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LearnedContextEntry(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                            rs.getInt(10), rs.getTimestamp(11).toInstant(), coverage(rs)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the learned context of a document.", e);
        }
        return out;
    }

    private List<AnticipatedQuestion> questions(String tail, Database.Binder binder) {
        List<AnticipatedQuestion> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + QUESTION_COLUMNS + " FROM anticipated_questions " + tail)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AnticipatedQuestion(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), pages(rs.getString(7)),
                            LibraryRepository.fromBytes(rs.getBytes(8)), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                            AnticipatedQuestion.Grounding.valueOf(rs.getString(12)), terms(rs.getString(13))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read the questions it anticipated.", e);
        }
        return out;
    }

    /** Ungrounded terms as stored: joined by {@code " | "} (a term may hold a comma), cut to the column's 1,024 characters. */
    private static String terms(List<String> terms) {
        String joined = String.join(" | ", terms);
        return joined.length() <= 1024 ? joined : joined.substring(0, 1024);
    }

    private static List<String> terms(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(" \\| "));
    }

    private static List<Integer> pages(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
