package dev.ponder.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which links in an answer may be opened. An answer is the model's text, which may quote the
 * documents, so a link in it is untrusted: only {@code http}, {@code https} and {@code mailto}
 * links are opened, and only when the user clicks them, in the system browser.
 */
final class Links {

    private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");

    private Links() {
    }

    /**
     * The link as a URI when it may be opened: an absolute http(s) URL with a host, or a mailto
     * address; empty for anything else (javascript:, file:, data:, relative paths, malformed text).
     */
    static Optional<URI> safe(String destination) {
        if (destination == null || destination.isBlank() || destination.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(destination.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !SAFE_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            if (!scheme.equalsIgnoreCase("mailto") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
