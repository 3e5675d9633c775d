package dev.ponder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Questions and answers with their scope, citations, measured tokens and timings. */
public final class ExchangeRepository {

    private final Database db;

    public ExchangeRepository(Database db) {
        this.db = db;
    }

    /**
     * Stores a finished exchange (answered, failed or stopped) with its scope and citations in one
     * transaction.
     *
     * @return the stored exchange, with its id
     */
    public Exchange save(Exchange e) {
        return db.inTransaction("Ponder could not save the answer.", c -> {
            long id = insert(c, e);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO exchange_scope (exchange_id, document_id) VALUES (?, ?)")) {
                for (long doc : e.scope()) {
                    ps.setLong(1, id);
                    ps.setLong(2, doc);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO citations (exchange_id, document_id, page_no) KEY (exchange_id, document_id, page_no) VALUES (?, ?, ?)")) {
                for (Citation ci : e.citations()) {
                    ps.setLong(1, id);
                    ps.setLong(2, ci.documentId());
                    ps.setInt(3, ci.page());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new Exchange(id, e.question(), e.answer(), e.mode(), e.status(), e.error(), e.model(),
                    e.promptTokens(), e.completionTokens(), e.firstTokenMs(), e.latencyMs(), e.scope(),
                    e.citations(), e.askedAt());
        });
    }

    private static long insert(Connection c, Exchange e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchanges (question, answer, mode, status, error, model, prompt_tokens, completion_tokens,
                                       first_token_ms, latency_ms, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, e.question());
            ps.setString(2, e.answer());
            ps.setString(3, e.mode());
            ps.setString(4, e.status().name());
            LibraryRepository.setNullable(ps, 5, e.error());
            LibraryRepository.setNullable(ps, 6, e.model());
            ps.setInt(7, e.promptTokens());
            ps.setInt(8, e.completionTokens());
            if (e.firstTokenMs().isPresent()) {
                ps.setLong(9, e.firstTokenMs().get());
            } else {
                ps.setNull(9, Types.BIGINT);
            }
            ps.setLong(10, e.latencyMs());
            ps.setTimestamp(11, java.sql.Timestamp.from(e.askedAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The most recent {@code limit} exchanges, oldest first (chat order). */
    public List<Exchange> recent(int limit) {
        Map<Long, Exchange> byId = new LinkedHashMap<>();
        String sql = """
                SELECT * FROM (SELECT id, question, answer, mode, status, error, model, prompt_tokens, completion_tokens,
                                      first_token_ms, latency_ms, asked_at
                               FROM exchanges ORDER BY id DESC LIMIT ?) ORDER BY id""";
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long fm = rs.getLong("first_token_ms");
                        Optional<Long> firstToken = rs.wasNull() ? Optional.empty() : Optional.of(fm);
                        long id = rs.getLong("id");
                        byId.put(id, new Exchange(id, rs.getString("question"), rs.getString("answer"),
                                rs.getString("mode"), Exchange.Status.valueOf(rs.getString("status")),
                                Optional.ofNullable(rs.getString("error")), Optional.ofNullable(rs.getString("model")),
                                rs.getInt("prompt_tokens"), rs.getInt("completion_tokens"), firstToken,
                                rs.getLong("latency_ms"), new ArrayList<>(), new ArrayList<>(),
                                rs.getTimestamp("asked_at").toInstant()));
                    }
                }
            }
            if (byId.isEmpty()) {
                return List.of();
            }
            long minId = byId.keySet().iterator().next();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT exchange_id, document_id FROM exchange_scope WHERE exchange_id >= ? ORDER BY document_id")) {
                ps.setLong(1, minId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Exchange e = byId.get(rs.getLong(1));
                        if (e != null) {
                            e.scope().add(rs.getLong(2));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ci.exchange_id, ci.document_id, d.file_name, ci.page_no
                    FROM citations ci JOIN documents d ON d.id = ci.document_id
                    WHERE ci.exchange_id >= ? ORDER BY ci.exchange_id, d.file_name, ci.page_no""")) {
                ps.setLong(1, minId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Exchange e = byId.get(rs.getLong(1));
                        if (e != null) {
                            e.citations().add(new Citation(rs.getLong(2), rs.getString(3), rs.getInt(4)));
                        }
                    }
                }
            }
        } catch (SQLException ex) {
            throw new StoreException("Ponder could not read the chat history.", ex);
        }
        return byId.values().stream()
                .map(e -> new Exchange(e.id(), e.question(), e.answer(), e.mode(), e.status(), e.error(), e.model(),
                        e.promptTokens(), e.completionTokens(), e.firstTokenMs(), e.latencyMs(),
                        List.copyOf(e.scope()), List.copyOf(e.citations()), e.askedAt()))
                .toList();
    }
}
