package dev.ponder.llm;

/**
 * A deliberately high estimate of how many tokens a text costs a model, used only to size prompts
 * before sending them (measured counts always come from the server). Ollama silently drops what
 * does not fit {@code num_ctx}, so over-estimating is the safe side: Latin text averages about 4
 * characters per token in Llama-family tokenizers; we count 3. CJK, Arabic and other non-Latin
 * letters often cost a token each or more, so each counts as one.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    /** @return estimated tokens of {@code text}, never below the true count for common tokenizers */
    public static int of(String text) {
        int latin = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x250) {
                latin++;
            } else if (!Character.isLowSurrogate(ch)) {
                other++;
            }
        }
        return (latin + 2) / 3 + other;
    }
}
