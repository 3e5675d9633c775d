package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.testing.Corpus;
import dev.ponder.testing.OllamaTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** An Ollama address off this machine and not https is flagged: the documents' text goes there in clear. */
class RemoteOllamaTest {

    @TempDir
    Path dataDir;

    @Test
    void anHttpAddressOnAnotherMachineIsFlaggedWithItsHost() {
        assertEquals(Optional.of("Your documents' text is sent to 192.0.2.10 for answers and thinking. "
                + "It is not encrypted (http)."), RemoteOllama.warning(URI.create("http://192.0.2.10:11434")));
    }

    @Test
    void httpsAndAddressesOfThisMachineAreNotFlagged() throws Exception {
        assertEquals(Optional.empty(), RemoteOllama.warning(URI.create("https://192.0.2.10:443")));
        assertEquals(Optional.empty(), RemoteOllama.warning(URI.create("http://localhost:11434")));
        assertEquals(Optional.empty(), RemoteOllama.warning(URI.create("http://127.0.0.1:11434")));
        assertEquals(Optional.empty(), RemoteOllama.warning(URI.create("http://[::1]:11434")));
        assertEquals(Optional.empty(), RemoteOllama.warning(CommonOptions.ollamaUri("0.0.0.0")));
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress own : Collections.list(nic.getInetAddresses())) {
                if (own instanceof Inet4Address && !own.isLoopbackAddress()) {
                    assertEquals(Optional.empty(), RemoteOllama.warning(URI.create("http://" + own.getHostAddress() + ":11434")),
                            "an address of this machine's own network card");
                }
            }
        }
    }

    @Test
    void dismissingIsRememberedForThatAddressOnly() {
        URI remote = URI.create("http://192.0.2.10:11434");
        URI other = URI.create("http://192.0.2.11:11434");
        assertTrue(RemoteOllama.unacknowledgedWarning(remote, dataDir).isPresent());

        RemoteOllama.acknowledge(remote, dataDir);

        assertEquals(Optional.empty(), RemoteOllama.unacknowledgedWarning(remote, dataDir), "shown once");
        assertTrue(RemoteOllama.unacknowledgedWarning(other, dataDir).isPresent(), "another host is flagged again");
        assertTrue(dataDir.resolve(RemoteOllama.ACKNOWLEDGED_FILE).toFile().isFile(), "kept in the data folder");
    }

    @Test
    void theCommandLineSaysItInOneLineOnStderr() {
        String remote = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", "http://192.0.2.10:11434",
                "--doc", Corpus.tricky("truncated-half.pdf").toString(), " ");
        assertEquals(1, remote.lines().filter(l -> l.contains("sent to 192.0.2.10")).count(), remote);
        assertTrue(remote.lines().anyMatch(l -> l.equals("Ponder: Your documents' text is sent to 192.0.2.10 for answers "
                + "and thinking. It is not encrypted (http).")), remote);

        try (OllamaTestServer local = OllamaTestServer.start()) {
            String here = run("ask", "--data-dir", dataDir.toString(), "--ollama-url", local.url().toString(),
                    "--doc", Corpus.tricky("truncated-half.pdf").toString(), " ");
            assertFalse(here.contains("is sent to"), here);
        }
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        cli.execute(args);
        return err.toString();
    }
}
