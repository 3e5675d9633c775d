package dev.ponder.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Prompt text kept in versioned resource files beside the class that sends it. */
public final class PromptFiles {

    private PromptFiles() {
    }

    /**
     * The text of {@code resource}, next to {@code owner} on the class path, UTF-8, stripped.
     *
     * @throws IllegalStateException when the resource is missing (a broken build)
     */
    public static String read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
