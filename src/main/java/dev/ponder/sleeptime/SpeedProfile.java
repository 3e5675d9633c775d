package dev.ponder.sleeptime;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A model server's speed, to turn measured tokens into the seconds they would take on other
 * hardware: an <em>estimate from measured tokens</em>, never a measurement. Every call costs its
 * prompt tokens at the prefill speed plus its completion tokens at the decode speed; a prompt
 * prefix the server kept from the previous request is not discounted (an upper bound).
 *
 * @param name                   how {@code --profile} names it, e.g. {@code laptop-cpu}
 * @param prefillTokensPerSecond prompt tokens read per second (llama-bench {@code pp})
 * @param decodeTokensPerSecond  tokens generated per second (llama-bench {@code tg})
 */
public record SpeedProfile(String name, double prefillTokensPerSecond, double decodeTokensPerSecond) {

    /**
     * llama3.2 3B Q4_K_M on a laptop CPU without a GPU: about 80 prompt tokens/s and 8–17 generated
     * tokens/s in public llama-bench figures (github.com/geerlingguy/ai-benchmarks issues 51 and 53).
     */
    public static final SpeedProfile LAPTOP_CPU = new SpeedProfile("laptop-cpu", 80, 15);
    /** A consumer GPU running the same model: 3,000 prompt tokens/s, 90 generated tokens/s. */
    public static final SpeedProfile GPU = new SpeedProfile("gpu", 3000, 90);
    /** Every profile {@code --profile} takes. */
    public static final List<SpeedProfile> ALL = List.of(LAPTOP_CPU, GPU);

    public SpeedProfile {
        if (prefillTokensPerSecond <= 0 || decodeTokensPerSecond <= 0) {
            throw new IllegalArgumentException("speeds must be positive");
        }
    }

    /** The profile called {@code name} (any case), if there is one. */
    public static Optional<SpeedProfile> named(String name) {
        return ALL.stream().filter(p -> p.name.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Seconds {@code promptTokens} and {@code completionTokens} would take at this speed, estimated. */
    public double seconds(long promptTokens, long completionTokens) {
        return promptTokens / prefillTokensPerSecond + completionTokens / decodeTokensPerSecond;
    }

    /** "laptop-cpu (prefill 80 tok/s, decode 15 tok/s)". */
    public String describe() {
        return String.format(Locale.ROOT, "%s (prefill %.0f tok/s, decode %.0f tok/s)", name, prefillTokensPerSecond,
                decodeTokensPerSecond);
    }
}
