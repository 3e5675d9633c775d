package dev.ponder.sleeptime;

/**
 * A deliberately high estimate of the tokens a text costs a model, to size sleep-time prompts
 * before sending them; measured counts always come from the server. Same rule as
 * {@code dev.ponder.answer.TokenEstimate} (3 Latin characters per token, where Llama-family
 * tokenizers average about 4; one token per other letter), kept here so that {@code sleeptime}
 * does not depend on {@code answer}, which depends on it.
 */
final class TextTokens {

    private TextTokens() {
    }

    /** @return estimated tokens of {@code text}, at least the true count for common tokenizers */
    static int of(String text) {
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
