package dev.ponder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sleep-time job table ({@code sleep_steps}), the section-notes cache, cached partial results
 * and the accounting of every sleep-time call. The learned contexts and anticipated questions are
 * in {@link LearnedContextRepository}.
 */
public final class SleepTimeRepository {

    private final Database db;

    public SleepTimeRepository(Database db) {
        this.db = db;
    }

    // ---------------------------------------------------------------- sections

    /** The sections of a document, in order, without embeddings. */
    public List<SectionText> sectionTexts(long documentId) {
        List<SectionText> out = new ArrayList<>();
        query("SELECT ordinal, first_page, last_page, text, text_sha256 FROM sections WHERE document_id = ? ORDER BY ordinal",
                ps -> ps.setLong(1, documentId),
                rs -> out.add(new SectionText(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5))));
        return out;
    }

    /** The text of pages {@code from}..{@code to} (1-based, inclusive) of a document, by page number. */
    public Map<Integer, String> pageTexts(long documentId, int from, int to) {
        Map<Integer, String> out = new HashMap<>();
        query("SELECT page_no, text FROM pages WHERE document_id = ? AND page_no BETWEEN ? AND ?",
                ps -> {
                    ps.setLong(1, documentId);
                    ps.setInt(2, from);
                    ps.setInt(3, to);
                },
                rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    /** The text hashes of a document's sections, in order: its content as sleep-time sees it. */
    public List<String> sectionHashes(long documentId) {
        List<String> out = new ArrayList<>();
        query("SELECT text_sha256 FROM sections WHERE document_id = ? ORDER BY ordinal",
                ps -> ps.setLong(1, documentId), rs -> out.add(rs.getString(1)));
        return out;
    }

    // ---------------------------------------------------------------- steps

    /** The steps stored for a document, by step name. */
    public Map<String, SleepStepEntry> steps(long documentId) {
        Map<String, SleepStepEntry> out = new HashMap<>();
        query("SELECT document_id, step, input_key, status, message, attempts, updated_at FROM sleep_steps WHERE document_id = ?",
                ps -> ps.setLong(1, documentId), rs -> {
                    SleepStepEntry e = step(rs);
                    out.put(e.step(), e);
                });
        return out;
    }

    /**
     * Records where a step stands. {@link SleepStepEntry.Status#FAILED} counts one more failed
     * attempt for the same input key; a new key starts the count again.
     */
    public void markStep(long documentId, String step, String inputKey, SleepStepEntry.Status status,
                         Optional<String> message) {
        try (Connection c = db.connection()) {
            markStep(c, documentId, step, inputKey, status, message);
        } catch (SQLException e) {
            throw new StoreException("Ponder could not record the progress of its thinking.", e);
        }
    }

    static void markStep(Connection c, long documentId, String step, String inputKey, SleepStepEntry.Status status,
                         Optional<String> message) throws SQLException {
        int failed = status == SleepStepEntry.Status.FAILED ? 1 : 0;
        try (PreparedStatement ps = c.prepareStatement("""
                MERGE INTO sleep_steps t
                USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(32)), CAST(? AS CHAR(64)), CAST(? AS VARCHAR(16)),
                               CAST(? AS VARCHAR(4000)), CAST(? AS INT)))
                      s (document_id, step, input_key, status, message, failed)
                ON t.document_id = s.document_id AND t.step = s.step
                WHEN MATCHED THEN UPDATE SET
                    attempts = CASE WHEN t.input_key = s.input_key THEN t.attempts ELSE 0 END + s.failed,
                    input_key = s.input_key, status = s.status, message = s.message, updated_at = CURRENT_TIMESTAMP
                WHEN NOT MATCHED THEN INSERT (document_id, step, input_key, status, message, attempts)
                    VALUES (s.document_id, s.step, s.input_key, s.status, s.message, s.failed)""")) {
            ps.setLong(1, documentId);
            ps.setString(2, step);
            ps.setString(3, inputKey);
            ps.setString(4, status.name());
            if (message.isPresent()) {
                ps.setString(5, message.get());
            } else {
                ps.setNull(5, Types.VARCHAR);
            }
            ps.setInt(6, failed);
            ps.executeUpdate();
        }
    }

    /**
     * Steps left RUNNING by a process that ended without finishing them (a crash, a kill) become
     * PENDING again.
     *
     * @return how many there were
     */
    public int resetRunningSteps() {
        return update("UPDATE sleep_steps SET status = 'PENDING', updated_at = CURRENT_TIMESTAMP WHERE status = 'RUNNING'",
                ps -> { });
    }

    private static SleepStepEntry step(ResultSet rs) throws SQLException {
        return new SleepStepEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                SleepStepEntry.Status.valueOf(rs.getString(4)), Optional.ofNullable(rs.getString(5)), rs.getInt(6),
                rs.getTimestamp(7).toInstant());
    }

    // ---------------------------------------------------------------- section notes

    /** Cached notes of the document's sections for this model and prompt version, by text hash. */
    public Map<String, SectionNotesEntry> sectionNotes(long documentId, String model, String promptVersion) {
        Map<String, SectionNotesEntry> out = new HashMap<>();
        query("""
                SELECT DISTINCT n.text_sha256, n.notes, n.prompt_tokens, n.completion_tokens
                FROM sections s JOIN section_notes n ON n.text_sha256 = s.text_sha256
                WHERE s.document_id = ? AND n.model = ? AND n.prompt_version = ?""",
                ps -> {
                    ps.setLong(1, documentId);
                    ps.setString(2, model);
                    ps.setString(3, promptVersion);
                },
                rs -> out.put(rs.getString(1), new SectionNotesEntry(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getInt(4))));
        return out;
    }

    /**
     * What {@code model} wrote for the sections it took notes on most recently, in any document:
     * each section's share of its call's completion tokens (Ollama's {@code eval_count}), newest
     * first, at most {@code limit}. Sections stored without a call (0 tokens) are left out.
     */
    public List<Integer> noteCompletionTokens(String model, String promptVersion, int limit) {
        List<Integer> out = new ArrayList<>();
        query("""
                SELECT completion_tokens FROM section_notes WHERE model = ? AND prompt_version = ? AND completion_tokens > 0
                ORDER BY created_at DESC FETCH FIRST ? ROWS ONLY""",
                ps -> {
                    ps.setString(1, model);
                    ps.setString(2, promptVersion);
                    ps.setInt(3, limit);
                },
                rs -> out.add(rs.getInt(1)));
        return out;
    }

    /**
     * How many of the document's sections have notes for this model and prompt version (notes empty
     * or not), and how many of those were stored without a model call (0 tokens: a section not worth
     * notes, or one no answer was usable for).
     *
     * @return {noted, of them without a call}
     */
    public int[] notedSections(long documentId, String model, String promptVersion) {
        int[] n = {0, 0};
        query("""
                SELECT COUNT(*), COUNT(CASE WHEN n.prompt_tokens = 0 AND n.completion_tokens = 0 THEN 1 END)
                FROM sections s JOIN section_notes n ON n.text_sha256 = s.text_sha256
                WHERE s.document_id = ? AND n.model = ? AND n.prompt_version = ?""",
                ps -> {
                    ps.setLong(1, documentId);
                    ps.setString(2, model);
                    ps.setString(3, promptVersion);
                },
                rs -> {
                    n[0] = rs.getInt(1);
                    n[1] = rs.getInt(2);
                });
        return n;
    }

    /**
     * Pages of the document that answers were built from (their citations), by how many answers
     * cited each, most cited first.
     */
    public Map<Integer, Integer> citedPages(long documentId) {
        Map<Integer, Integer> out = new java.util.LinkedHashMap<>();
        query("SELECT page_no, COUNT(*) FROM citations WHERE document_id = ? GROUP BY page_no ORDER BY 2 DESC, 1",
                ps -> ps.setLong(1, documentId), rs -> out.put(rs.getInt(1), rs.getInt(2)));
        return out;
    }

    /** Stores the notes of the sections of one call together; notes already cached for a text are replaced. */
    public void saveSectionNotes(List<SectionNotesEntry> notes, String model, String promptVersion) {
        db.inTransaction("Ponder could not save its notes on a document.", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    MERGE INTO section_notes (text_sha256, model, prompt_version, notes, prompt_tokens, completion_tokens)
                    KEY (text_sha256, model, prompt_version) VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (SectionNotesEntry n : notes) {
                    ps.setString(1, n.textSha256());
                    ps.setString(2, model);
                    ps.setString(3, promptVersion);
                    ps.setString(4, n.notesJson());
                    ps.setInt(5, n.promptTokens());
                    ps.setInt(6, n.completionTokens());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- partial results

    public Optional<SleepPartial> partial(String kind, String inputSha256, String model, String promptVersion) {
        List<SleepPartial> out = new ArrayList<>(1);
        query("""
                SELECT output, prompt_tokens, completion_tokens FROM sleep_partials
                WHERE kind = ? AND input_sha256 = ? AND model = ? AND prompt_version = ?""",
                ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, inputSha256);
                    ps.setString(3, model);
                    ps.setString(4, promptVersion);
                },
                rs -> out.add(new SleepPartial(rs.getString(1), rs.getInt(2), rs.getInt(3))));
        return out.stream().findFirst();
    }

    public void savePartial(String kind, String inputSha256, String model, String promptVersion, SleepPartial partial) {
        update("""
                MERGE INTO sleep_partials (kind, input_sha256, model, prompt_version, output, prompt_tokens, completion_tokens)
                KEY (kind, input_sha256, model, prompt_version) VALUES (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setString(1, kind);
            ps.setString(2, inputSha256);
            ps.setString(3, model);
            ps.setString(4, promptVersion);
            ps.setString(5, partial.output());
            ps.setInt(6, partial.promptTokens());
            ps.setInt(7, partial.completionTokens());
        });
    }

    // ---------------------------------------------------------------- accounting

    /** Records one sleep-time call. */
    public void recordCall(SleepCallEntry call) {
        update("""
                INSERT INTO sleep_calls (document_id, step, model, outcome, prompt_tokens, completion_tokens, duration_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setLong(1, call.documentId());
            ps.setString(2, call.step());
            ps.setString(3, call.model());
            ps.setString(4, call.outcome().name());
            ps.setInt(5, call.promptTokens());
            ps.setInt(6, call.completionTokens());
            ps.setLong(7, call.durationMs());
        });
    }

    /** Measured sleep-time tokens of a document, per step and model. */
    public List<SleepTokenTotal> tokenTotals(long documentId) {
        List<SleepTokenTotal> out = new ArrayList<>();
        query("""
                SELECT step, model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens) FROM sleep_calls
                WHERE document_id = ? GROUP BY step, model ORDER BY step, model""",
                ps -> ps.setLong(1, documentId),
                rs -> out.add(new SleepTokenTotal(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getLong(5))));
        return out;
    }

    /**
     * Sections of a document that have at least one note, under any model and prompt version (in a
     * library thought about with one model, the share of its sections sleep-time took notes on).
     */
    public int sectionsWithNotes(long documentId) {
        int[] n = {0};
        query("""
                SELECT COUNT(*) FROM sections s WHERE s.document_id = ? AND EXISTS (SELECT 1 FROM section_notes n
                    WHERE n.text_sha256 = s.text_sha256 AND CAST(n.notes AS VARCHAR(4)) <> '[]')""",
                ps -> ps.setLong(1, documentId), rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    /** How a document's sleep-time calls ended, counted by outcome (outcomes that never happened are left out). */
    public Map<SleepCallEntry.Outcome, Integer> callOutcomes(long documentId) {
        Map<SleepCallEntry.Outcome, Integer> out = new java.util.EnumMap<>(SleepCallEntry.Outcome.class);
        query("SELECT outcome, COUNT(*) FROM sleep_calls WHERE document_id = ? GROUP BY outcome",
                ps -> ps.setLong(1, documentId),
                rs -> out.put(SleepCallEntry.Outcome.valueOf(rs.getString(1)), rs.getInt(2)));
        return out;
    }

    /** Every recorded sleep-time call of a document, in the order they were recorded. */
    public List<TimedSleepCall> timedCalls(long documentId) {
        List<TimedSleepCall> out = new ArrayList<>();
        query("""
                SELECT step, outcome, prompt_tokens, completion_tokens, duration_ms, called_at FROM sleep_calls
                WHERE document_id = ? ORDER BY id""",
                ps -> ps.setLong(1, documentId),
                rs -> out.add(new TimedSleepCall(rs.getString(1), SleepCallEntry.Outcome.valueOf(rs.getString(2)),
                        rs.getInt(3), rs.getInt(4), rs.getLong(5),
                        rs.getObject(6, java.time.OffsetDateTime.class).toInstant())));
        return out;
    }

    /** When a document's first anticipated question and first c′ were stored (empty: not yet). */
    public SleepMilestones milestones(long documentId) {
        java.time.Instant[] at = new java.time.Instant[3];
        query("""
                SELECT (SELECT MIN(created_at) FROM anticipated_questions WHERE document_id = ?),
                       (SELECT MIN(created_at) FROM learned_contexts WHERE document_id = ?),
                       (SELECT MIN(created_at) FROM learned_contexts WHERE document_id = ?
                            AND (noted_sections IS NULL OR noted_sections = section_count))""",
                ps -> {
                    ps.setLong(1, documentId);
                    ps.setLong(2, documentId);
                    ps.setLong(3, documentId);
                },
                rs -> {
                    for (int i = 0; i < 3; i++) {
                        java.time.OffsetDateTime t = rs.getObject(i + 1, java.time.OffsetDateTime.class);
                        at[i] = t == null ? null : t.toInstant();
                    }
                });
        return new SleepMilestones(Optional.ofNullable(at[0]), Optional.ofNullable(at[1]), Optional.ofNullable(at[2]));
    }

    // ---------------------------------------------------------------- JDBC plumbing

    private void query(String sql, Database.Binder binder, Database.Rows rows) {
        db.query("Ponder could not read what it thought about a document.", sql, binder, rows);
    }

    private int update(String sql, Database.Binder binder) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Ponder could not save what it thought about a document.", e);
        }
    }
}
