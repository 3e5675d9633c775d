package dev.ponder.store;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the savings accounting reads and writes: measured baseline costs ({@code baseline_costs}),
 * the questions asked about a set of documents, and their sleep-time tokens.
 */
public final class SavingsRepository {

    private static final String READ_FAILED = "Ponder could not read the token accounting.";

    private final Database db;

    public SavingsRepository(Database db) {
        this.db = db;
    }

    /**
     * The next question whose baseline cost is to be measured: anticipated questions of each
     * document's newest c′ first (newest first), then answered questions that were not answered the
     * baseline way (newest first).
     *
     * @param skipped targets not to offer again (their measurement failed this session)
     */
    public Optional<BaselineTarget> nextToMeasure(Collection<BaselineTarget> skipped) {
        String skippedQuestions = ids(skipped, BaselineTarget.Kind.ANTICIPATED_QUESTION);
        List<BaselineTarget> found = new ArrayList<>();
        db.query(READ_FAILED, """
                SELECT aq.id, aq.question, aq.document_id FROM anticipated_questions aq
                JOIN documents d ON d.id = aq.document_id AND d.status = 'READY'
                WHERE aq.learned_context_id = (SELECT MAX(lc.id) FROM learned_contexts lc WHERE lc.document_id = aq.document_id)
                  AND NOT EXISTS (SELECT 1 FROM baseline_costs b WHERE b.anticipated_question_id = aq.id)
                  AND aq.id NOT IN (""" + skippedQuestions + ") ORDER BY aq.id DESC LIMIT 1", ps -> { },
                rs -> found.add(new BaselineTarget(BaselineTarget.Kind.ANTICIPATED_QUESTION, rs.getLong(1),
                        rs.getString(2), List.of(rs.getLong(3)))));
        if (!found.isEmpty()) {
            return Optional.of(found.get(0));
        }
        String skippedExchanges = ids(skipped, BaselineTarget.Kind.EXCHANGE);
        db.query(READ_FAILED, """
                SELECT e.id, e.question FROM exchanges e
                WHERE e.status = 'ANSWERED' AND e.mode NOT IN ('baseline', 'raw-context')
                  AND NOT EXISTS (SELECT 1 FROM baseline_costs b WHERE b.exchange_id = e.id)
                  AND e.id NOT IN (""" + skippedExchanges + ") ORDER BY e.id DESC LIMIT 1", ps -> { },
                rs -> found.add(new BaselineTarget(BaselineTarget.Kind.EXCHANGE, rs.getLong(1), rs.getString(2),
                        List.of())));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BaselineTarget exchange = found.get(0);
        List<Long> scope = new ArrayList<>();
        db.query(READ_FAILED, "SELECT document_id FROM exchange_scope WHERE exchange_id = ? ORDER BY document_id",
                ps -> ps.setLong(1, exchange.id()), rs -> scope.add(rs.getLong(1)));
        return Optional.of(new BaselineTarget(exchange.kind(), exchange.id(), exchange.question(), scope));
    }

    /**
     * Stores the measured baseline cost of {@code target}; a second measurement of the same target
     * is ignored.
     *
     * @param model            the test-time model that answered
     * @param promptTokens     prompt tokens the server counted
     * @param completionTokens completion tokens the server counted
     * @param latencyMs        ms from sending the prompt to the end of the answer
     */
    public void saveBaseline(BaselineTarget target, String model, int promptTokens, int completionTokens, long latencyMs) {
        String column = target.kind() == BaselineTarget.Kind.EXCHANGE ? "exchange_id" : "anticipated_question_id";
        db.inTransaction("Ponder could not save a measured baseline cost.", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO baseline_costs (" + column
                    + ", model, prompt_tokens, completion_tokens, latency_ms) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM baseline_costs WHERE " + column + " = ?)")) {
                ps.setLong(1, target.id());
                ps.setString(2, model);
                ps.setInt(3, promptTokens);
                ps.setInt(4, completionTokens);
                ps.setLong(5, latencyMs);
                ps.setLong(6, target.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Measured baseline tokens (prompt + completion) of anticipated questions, by id; unmeasured ones are absent. */
    public Map<Long, Integer> anticipatedBaselines(Collection<Long> anticipatedQuestionIds) {
        Map<Long, Integer> out = new HashMap<>();
        if (anticipatedQuestionIds.isEmpty()) {
            return out;
        }
        db.query(READ_FAILED, "SELECT anticipated_question_id, prompt_tokens + completion_tokens FROM baseline_costs "
                        + "WHERE anticipated_question_id IN (" + join(anticipatedQuestionIds) + ")", ps -> { },
                rs -> out.put(rs.getLong(1), rs.getInt(2)));
        return out;
    }

    /**
     * The answered questions about any of {@code documentIds} — asked about a selection that
     * includes one of them, or about the whole library — oldest first, with their baseline costs.
     */
    public List<AskedQuestion> askedAbout(Collection<Long> documentIds) {
        List<AskedQuestion> out = new ArrayList<>();
        if (documentIds.isEmpty()) {
            return out;
        }
        db.query(READ_FAILED, """
                SELECT e.id, e.mode, e.prompt_tokens + e.completion_tokens, b.prompt_tokens + b.completion_tokens,
                       e.asked_at
                FROM exchanges e LEFT JOIN baseline_costs b ON b.exchange_id = e.id
                WHERE e.status = 'ANSWERED'
                  AND (NOT EXISTS (SELECT 1 FROM exchange_scope s WHERE s.exchange_id = e.id)
                       OR EXISTS (SELECT 1 FROM exchange_scope s WHERE s.exchange_id = e.id
                                  AND s.document_id IN (""" + join(documentIds) + """
                )))
                ORDER BY e.id""", ps -> { }, rs -> {
            String mode = rs.getString(2);
            int testTime = rs.getInt(3);
            int measured = rs.getInt(4);
            Optional<Integer> baseline = Exchange.readsRawContext(mode) ? Optional.of(testTime)
                    : rs.wasNull() ? Optional.empty() : Optional.of(measured);
            out.add(new AskedQuestion(rs.getLong(1), mode, testTime, baseline, rs.getTimestamp(5).toInstant()));
        });
        return out;
    }

    /** Tokens (prompt + completion) of every sleep-time call for these documents, as Ollama counted them. */
    public long sleepTimeTokens(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return 0;
        }
        long[] total = {0};
        db.query(READ_FAILED, "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM sleep_calls "
                + "WHERE document_id IN (" + join(documentIds) + ")", ps -> { }, rs -> total[0] = rs.getLong(1));
        return total[0];
    }

    private static String ids(Collection<BaselineTarget> targets, BaselineTarget.Kind kind) {
        List<Long> ids = targets.stream().filter(t -> t.kind() == kind).map(BaselineTarget::id).toList();
        return ids.isEmpty() ? "-1" : join(ids);
    }

    /** Ids as a SQL list; they are longs, so nothing can be injected. */
    private static String join(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
