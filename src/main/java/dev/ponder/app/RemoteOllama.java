package dev.ponder.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * An Ollama address that is neither on this machine nor https: the documents' text (the context c,
 * and c′) crosses the network unencrypted. The window says so once per address, until dismissed
 * (remembered in {@code dataDir/remote-ollama-acknowledged.txt}, one URL a line); the command line
 * says so on stderr each time it talks to the model.
 */
final class RemoteOllama {

    static final String ACKNOWLEDGED_FILE = "remote-ollama-acknowledged.txt";

    private RemoteOllama() {
    }

    /**
     * The sentence for {@code url}, or empty when the address is https or on this machine
     * ({@code localhost}, a loopback or wildcard address, or an address of one of its interfaces).
     * Resolves the host name, so call it off the FX thread.
     */
    static Optional<String> warning(URI url) {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || isThisMachine(url.getHost())) {
            return Optional.empty();
        }
        return Optional.of("Your documents' text is sent to " + url.getHost()
                + " for answers and thinking. It is not encrypted (http).");
    }

    /** The sentence for {@code url} unless the person dismissed it for that address before. */
    static Optional<String> unacknowledgedWarning(URI url, Path dataDir) {
        return warning(url).filter(w -> !acknowledged(url, dataDir));
    }

    static boolean isThisMachine(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h)) {
                if (!(address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | SocketException e) {
            // a name that does not resolve cannot be proven to be this machine
            return false;
        }
    }

    static boolean acknowledged(URI url, Path dataDir) {
        Path file = dataDir.resolve(ACKNOWLEDGED_FILE);
        try {
            return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(url.toString());
        } catch (IOException e) {
            return false;
        }
    }

    /** Remembers that the person read the warning for {@code url}. */
    static void acknowledge(URI url, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(ACKNOWLEDGED_FILE), url + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LoggerFactory.getLogger(RemoteOllama.class)
                    .warn("Could not remember that the warning about {} was dismissed; it shows again next time", url, e);
        }
    }
}
