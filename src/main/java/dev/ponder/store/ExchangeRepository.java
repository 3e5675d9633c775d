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

    /** Conversation titles are the first question, cut to this many characters. */
    static final int TITLE_CHARS = 80;

    /**
     * Stores a finished exchange (answered, failed or stopped) with its scope and citations in one
     * transaction. An exchange with conversation id 0 starts a new conversation, titled by its question.
     *
     * @return the stored exchange, with its id and conversation id, and its citations marked
     *         {@code scanned} where the cited page was read by OCR
     */
    public Exchange save(Exchange e) {
        return db.inTransaction("Ponder could not save the answer.", c -> {
            long conversation = e.conversationId() != 0 ? e.conversationId() : newConversation(c, e);
            long id = insert(c, e, conversation);
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
            return e.stored(id, conversation).withCitations(markScanned(c, e.citations()));
        });
    }

    /** {@code citations} with {@code scanned} set from the cited pages. */
    private static List<Citation> markScanned(Connection c, List<Citation> citations) throws SQLException {
        List<Citation> marked = new java.util.ArrayList<>(citations.size());
        try (PreparedStatement ps = c.prepareStatement("SELECT scanned FROM pages WHERE document_id = ? AND page_no = ?")) {
            for (Citation ci : citations) {
                ps.setLong(1, ci.documentId());
                ps.setInt(2, ci.page());
                try (ResultSet rs = ps.executeQuery()) {
                    marked.add(new Citation(ci.documentId(), ci.fileName(), ci.page(), rs.next() && rs.getBoolean(1)));
                }
            }
        }
        return marked;
    }

    private static long newConversation(Connection c, Exchange first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (title, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, title(first.question()));
            ps.setTimestamp(2, java.sql.Timestamp.from(first.askedAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A conversation's title from its first question: one line, at most {@value #TITLE_CHARS} characters. */
    static String title(String question) {
        String line = question.strip().replaceAll("\\s+", " ");
        return line.length() <= TITLE_CHARS ? line : line.substring(0, TITLE_CHARS - 1).stripTrailing() + "…";
    }

    private static long insert(Connection c, Exchange e, long conversation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchanges (question, answer, mode, status, error, model, prompt_tokens, completion_tokens,
                                       first_token_ms, latency_ms, asked_at, conversation_id, predictability,
                                       anticipated_question_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
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
            ps.setLong(12, conversation);
            if (e.predictability().isPresent()) {
                ps.setDouble(13, e.predictability().get());
            } else {
                ps.setNull(13, Types.DOUBLE);
            }
            if (e.anticipatedQuestionId().isPresent()) {
                ps.setLong(14, e.anticipatedQuestionId().get());
            } else {
                ps.setNull(14, Types.BIGINT);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The most recent {@code limit} exchanges of every conversation, oldest first (chat order). */
    public List<Exchange> recent(int limit) {
        return load("SELECT * FROM (SELECT " + COLUMNS + " FROM exchanges ORDER BY id DESC LIMIT ?) ORDER BY id",
                ps -> ps.setInt(1, limit));
    }

    /** The exchanges of one conversation, oldest first. */
    public List<Exchange> conversation(long conversationId) {
        return load("SELECT " + COLUMNS + " FROM exchanges WHERE conversation_id = ? ORDER BY id",
                ps -> ps.setLong(1, conversationId));
    }

    /** One exchange. */
    public Optional<Exchange> find(long id) {
        return load("SELECT " + COLUMNS + " FROM exchanges WHERE id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    /**
     * Every conversation with its exchange count and when it was last asked in, the most recently
     * asked in first (ties: the newer conversation first).
     *
     * @throws StoreException with a sentence for the user when the database cannot be read
     */
    public List<Conversation> conversations() {
        List<Conversation> out = new ArrayList<>();
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT c.id, c.title, c.created_at, COUNT(e.id) AS n, MAX(e.asked_at) AS last_asked
                     FROM conversations c LEFT JOIN exchanges e ON e.conversation_id = c.id
                     GROUP BY c.id, c.title, c.created_at
                     ORDER BY COALESCE(MAX(e.asked_at), c.created_at) DESC, c.id DESC""")) {
            while (rs.next()) {
                java.time.Instant created = rs.getTimestamp("created_at").toInstant();
                java.sql.Timestamp last = rs.getTimestamp("last_asked");
                out.add(new Conversation(rs.getLong("id"), rs.getString("title"), created, rs.getInt("n"),
                        last == null ? created : last.toInstant()));
            }
        } catch (SQLException ex) {
            throw new StoreException("Ponder could not read your conversations.", ex);
        }
        return out;
    }

    /**
     * Deletes a conversation with its exchanges, their scopes, citations and measured baseline
     * costs (the schema cascades). Deleting one that is not there does nothing.
     *
     * @return whether a conversation was deleted
     * @throws StoreException with a sentence for the user when the database cannot be written
     */
    public boolean deleteConversation(long conversationId) {
        return db.inTransaction("Ponder could not delete the conversation.", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversations WHERE id = ?")) {
                ps.setLong(1, conversationId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static final String COLUMNS = """
            id, question, answer, mode, status, error, model, prompt_tokens, completion_tokens, first_token_ms,
            latency_ms, asked_at, conversation_id, predictability, anticipated_question_id""";

    /** Reads the exchanges {@code sql} selects (in its order) with their scopes and citations. */
    private List<Exchange> load(String sql, Database.Binder binder) {
        Map<Long, Exchange> byId = new LinkedHashMap<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Exchange e = read(rs);
                        byId.put(e.id(), e);
                    }
                }
            }
            if (byId.isEmpty()) {
                return List.of();
            }
            String ids = byId.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT exchange_id, document_id FROM exchange_scope WHERE exchange_id IN ("
                         + ids + ") ORDER BY document_id")) {
                while (rs.next()) {
                    byId.get(rs.getLong(1)).scope().add(rs.getLong(2));
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("""
                         SELECT ci.exchange_id, ci.document_id, d.file_name, ci.page_no, COALESCE(p.scanned, FALSE)
                         FROM citations ci JOIN documents d ON d.id = ci.document_id
                         LEFT JOIN pages p ON p.document_id = ci.document_id AND p.page_no = ci.page_no
                         WHERE ci.exchange_id IN (""" + ids + ") ORDER BY ci.exchange_id, d.file_name, ci.page_no")) {
                while (rs.next()) {
                    byId.get(rs.getLong(1)).citations().add(new Citation(rs.getLong(2), rs.getString(3), rs.getInt(4),
                            rs.getBoolean(5)));
                }
            }
        } catch (SQLException ex) {
            throw new StoreException("Ponder could not read the chat history.", ex);
        }
        return byId.values().stream()
                .map(e -> new Exchange(e.id(), e.question(), e.answer(), e.mode(), e.status(), e.error(), e.model(),
                        e.promptTokens(), e.completionTokens(), e.firstTokenMs(), e.latencyMs(),
                        List.copyOf(e.scope()), List.copyOf(e.citations()), e.askedAt(), e.conversationId(),
                        e.predictability(), e.anticipatedQuestionId()))
                .toList();
    }

    /** One row, with mutable scope and citation lists for {@link #load} to fill. */
    private static Exchange read(ResultSet rs) throws SQLException {
        long fm = rs.getLong("first_token_ms");
        Optional<Long> firstToken = rs.wasNull() ? Optional.empty() : Optional.of(fm);
        double p = rs.getDouble("predictability");
        Optional<Double> predictability = rs.wasNull() ? Optional.empty() : Optional.of(p);
        long aq = rs.getLong("anticipated_question_id");
        Optional<Long> anticipated = rs.wasNull() ? Optional.empty() : Optional.of(aq);
        return new Exchange(rs.getLong("id"), rs.getString("question"), rs.getString("answer"), rs.getString("mode"),
                Exchange.Status.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("error")),
                Optional.ofNullable(rs.getString("model")), rs.getInt("prompt_tokens"), rs.getInt("completion_tokens"),
                firstToken, rs.getLong("latency_ms"), new ArrayList<>(), new ArrayList<>(),
                rs.getTimestamp("asked_at").toInstant(), rs.getLong("conversation_id"), predictability, anticipated);
    }
}
