package dev.ponder.bench;

import java.util.List;

/**
 * One answered query under one condition: a line of {@code results.csv}.
 *
 * @param contextId       the context's id in the dataset
 * @param queryIndex      0-based index of the query within its context
 * @param condition       {@code baseline}, {@code pass@k} or {@code sleep-time}
 * @param setting         the condition's parameter: the verbosity level for baseline ({@code direct},
 *                        {@code brief}, {@code stepwise}), {@code k} otherwise
 * @param k               answers sampled (pass@k) or sleep-time generations (sleep-time); 1 for baseline
 * @param budgetTokens    test-time budget sent as {@code num_predict}, in tokens
 * @param correct         whether the answer is right (pass@k: any of the k)
 * @param testTimeTokens  prompt + completion tokens at test time, as the server counted them
 * @param sleepTimeTokens prompt + completion tokens of sleep-time for this query's context (0 without)
 * @param latencyMs       wall-clock time of the answer(s), in ms
 * @param answerMode      how Ponder answered ({@code learned-context}, …), {@code direct} for a bare model call,
 *                        or {@value #FAILED} when there was no answer (then {@code response} says why)
 * @param expected        the checked answer
 * @param response        the model's answer (the last sampled one for pass@k), on one line
 */
public record BenchRow(String contextId, int queryIndex, String condition, String setting, int k, int budgetTokens,
                       boolean correct, long testTimeTokens, long sleepTimeTokens, long latencyMs, String answerMode,
                       String expected, String response) {

    /** The CSV header, in column order. */
    public static final List<String> COLUMNS = List.of("context_id", "query_index", "condition", "setting", "k",
            "budget_tokens", "correct", "test_time_tokens", "sleep_time_tokens", "latency_ms", "answer_mode",
            "expected", "response");

    /** Condition names. */
    public static final String BASELINE = "baseline";
    public static final String PASS_AT_K = "pass@k";
    public static final String SLEEP_TIME = "sleep-time";
    /** The answer mode of a query that got no answer. */
    public static final String FAILED = "failed";
    /** How the response of a query begins when its context's sleep-time failed. */
    public static final String SLEEP_TIME_FAILED = "sleep-time failed: ";

    /** Whether the query got no answer (the model or sleep-time failed): left out of every mean. */
    public boolean failed() {
        return FAILED.equals(answerMode);
    }

    /** Why the query got no answer: its response without the {@code failed: } or {@code sleep-time failed: } prefix. */
    public String failure() {
        if (response.startsWith(SLEEP_TIME_FAILED)) {
            return response.substring(SLEEP_TIME_FAILED.length());
        }
        return response.startsWith("failed: ") ? response.substring(8) : response;
    }

    /** Whether the query failed because its context's sleep-time did. */
    public boolean sleepTimeFailed() {
        return failed() && response.startsWith(SLEEP_TIME_FAILED);
    }

    /** This row as one RFC 4180 CSV line (no line break). */
    public String csv() {
        return String.join(",", quote(contextId), String.valueOf(queryIndex), quote(condition), quote(setting),
                String.valueOf(k), String.valueOf(budgetTokens), String.valueOf(correct), String.valueOf(testTimeTokens),
                String.valueOf(sleepTimeTokens), String.valueOf(latencyMs), quote(answerMode), quote(expected),
                quote(response.replaceAll("\\s+", " ").strip()));
    }

    static String quote(String value) {
        return value.matches("[\\w@.:+-]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
