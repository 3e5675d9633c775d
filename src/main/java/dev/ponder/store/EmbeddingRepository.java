package dev.ponder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The library's embedding model and the move to another one ({@code embedding_choice},
 * {@code pending_*_vectors}): vectors made by the chosen model wait beside the ones in use, and take
 * their place all at once when every section and anticipated question has one.
 */
public final class EmbeddingRepository {

    /** The in-process model every library starts with (all-MiniLM-L6-v2, quantized). */
    public static final String BUILT_IN_MODEL = "builtin:all-minilm-l6-v2-q";

    private final Database db;

    public EmbeddingRepository(Database db) {
        this.db = db;
    }

    /**
     * @param active the model whose vectors questions are compared with
     * @param target the model being moved to, when one was chosen and the move is not finished
     */
    public record Choice(String active, Optional<String> target) {
    }

    /** A text that still needs a vector: a section's or an anticipated question's, by row id. */
    public record Pending(long id, String text) {
    }

    /**
     * How far the move to a model is.
     *
     * @param done  sections and anticipated questions that have a vector of the model
     * @param total all of them
     */
    public record Coverage(int done, int total) {
        public boolean complete() {
            return done >= total;
        }
    }

    public Choice choice() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT active_model, target_model FROM embedding_choice WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Choice(rs.getString(1), Optional.ofNullable(rs.getString(2)))
                    : new Choice(BUILT_IN_MODEL, Optional.empty());
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read which embedding model the library uses.", e);
        }
    }

    /** Records the model to move to; empty = stay with the active one (pending vectors are dropped). */
    public void choose(Optional<String> target) {
        db.inTransaction("Ponder could not save the embedding model you chose.", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_choice SET target_model = ? WHERE id = 1")) {
                LibraryRepository.setNullable(ps, 1, target);
                ps.executeUpdate();
            }
            deletePendingExcept(c, target);
            return null;
        });
    }

    /** Up to {@code limit} sections (of any document) without a vector of {@code model}, in id order. */
    public List<Pending> sectionsWithout(String model, int limit) {
        return pending("""
                SELECT s.id, s.text FROM sections s WHERE s.embedding_model <> ?
                AND NOT EXISTS (SELECT 1 FROM pending_section_vectors p WHERE p.section_id = s.id AND p.model = ?)
                ORDER BY s.id LIMIT ?""", model, limit);
    }

    /** Up to {@code limit} anticipated questions without a vector of {@code model}, in id order. */
    public List<Pending> questionsWithout(String model, int limit) {
        return pending("""
                SELECT q.id, q.question FROM anticipated_questions q WHERE q.embedding_model <> ?
                AND NOT EXISTS (SELECT 1 FROM pending_question_vectors p WHERE p.anticipated_question_id = q.id
                    AND p.model = ?)
                ORDER BY q.id LIMIT ?""", model, limit);
    }

    /** Keeps vectors of {@code model} for sections, by section id, until {@link #switchTo}. */
    public void savePendingSections(String model, Map<Long, float[]> vectors) {
        savePending("pending_section_vectors", "section_id", model, vectors);
    }

    /** Keeps vectors of {@code model} for anticipated questions, by id, until {@link #switchTo}. */
    public void savePendingQuestions(String model, Map<Long, float[]> vectors) {
        savePending("pending_question_vectors", "anticipated_question_id", model, vectors);
    }

    /** How many sections and anticipated questions have a vector of {@code model} (in use or pending). */
    public Coverage coverage(String model) {
        String sql = """
                SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM anticipated_questions),
                  (SELECT COUNT(*) FROM sections s WHERE s.embedding_model = ? OR EXISTS (SELECT 1 FROM
                     pending_section_vectors p WHERE p.section_id = s.id AND p.model = ?))
                + (SELECT COUNT(*) FROM anticipated_questions q WHERE q.embedding_model = ? OR EXISTS (SELECT 1 FROM
                     pending_question_vectors p WHERE p.anticipated_question_id = q.id AND p.model = ?))""";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, model);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Coverage(rs.getInt(2), rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read how far the new embedding model has got.", e);
        }
    }

    /**
     * In one transaction: when every section and anticipated question has a vector of {@code model},
     * puts those vectors in place and makes {@code model} the active one. Nothing changes otherwise.
     *
     * @return whether the library now uses {@code model}
     */
    public boolean switchTo(String model) {
        return db.inTransaction("Ponder could not switch to the new embedding model.", c -> {
            move(c, "sections", "pending_section_vectors", "section_id", model);
            move(c, "anticipated_questions", "pending_question_vectors", "anticipated_question_id", model);
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM sections WHERE embedding_model <> ?)"
                    + " + (SELECT COUNT(*) FROM anticipated_questions WHERE embedding_model <> ?)")) {
                ps.setString(1, model);
                ps.setString(2, model);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        c.rollback();
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE embedding_choice SET active_model = ?, target_model = NULL WHERE id = 1")) {
                ps.setString(1, model);
                ps.executeUpdate();
            }
            deletePendingExcept(c, Optional.empty());
            return true;
        });
    }

    private static void move(Connection c, String table, String pending, String key, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET embedding = (SELECT p.embedding FROM "
                + pending + " p WHERE p." + key + " = t.id AND p.model = ?), embedding_model = ? WHERE EXISTS (SELECT 1 FROM "
                + pending + " p WHERE p." + key + " = t.id AND p.model = ?)")) {
            ps.setString(1, model);
            ps.setString(2, model);
            ps.setString(3, model);
            ps.executeUpdate();
        }
    }

    private static void deletePendingExcept(Connection c, Optional<String> keep) throws SQLException {
        for (String table : List.of("pending_section_vectors", "pending_question_vectors")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + (keep.isPresent() ? " WHERE model <> ?" : ""))) {
                if (keep.isPresent()) {
                    ps.setString(1, keep.get());
                }
                ps.executeUpdate();
            }
        }
    }

    private List<Pending> pending(String sql, String model, int limit) {
        List<Pending> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, model);
            ps.setString(2, model);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Ponder could not read what still needs the new embedding model.", e);
        }
        return out;
    }

    private void savePending(String table, String key, String model, Map<Long, float[]> vectors) {
        db.inTransaction("Ponder could not save vectors of the new embedding model.", c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + table + " (" + key
                    + ", model, embedding) KEY (" + key + ", model) VALUES (?, ?, ?)")) {
                for (Map.Entry<Long, float[]> e : vectors.entrySet()) {
                    ps.setLong(1, e.getKey());
                    ps.setString(2, model);
                    ps.setBytes(3, LibraryRepository.toBytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
