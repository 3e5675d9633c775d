package dev.ponder.app;

import dev.ponder.base.DaemonThreads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ponder window per library: the running window listens on a loopback socket and a second
 * launch hands it its files there, then exits. The port and a random token are written to
 * {@value #FILE_NAME} in the data directory, readable by its owner only; a launch that cannot
 * connect, or is not answered with the token's acknowledgement, takes the file for stale (a crashed
 * window) and starts normally.
 *
 * <p>Wire format (one connection per hand-over, {@link DataOutputStream} encoding): the magic
 * {@value #MAGIC}, the token, the number of files, each absolute path; the window answers
 * {@value #OK}. A wrong token gets no answer.
 */
final class SingleInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SingleInstance.class);

    static final String FILE_NAME = "instance.port";
    static final String MAGIC = "ponder-open/1";
    static final String OK = "ok";
    /** Longest wait for a running window to answer; it answers at once, from its own thread. */
    private static final int ANSWER_TIMEOUT_MS = 3000;
    private static final int MAX_FILES = 10_000;

    private final ServerSocket server;
    private final Path portFile;
    private final String token;
    private final Thread acceptor;
    private volatile boolean closed;

    private SingleInstance(ServerSocket server, Path portFile, String token, Consumer<List<Path>> onOpen) {
        this.server = server;
        this.portFile = portFile;
        this.token = token;
        this.acceptor = DaemonThreads.thread("ponder-single-instance", () -> accept(onOpen));
    }

    /**
     * Hands {@code files} to the Ponder window running on the library in {@code dataDir}.
     *
     * @param files absolute paths; may be empty (the window then only comes to the front)
     * @return true when a running window took them; false when none answered (no port file, a stale
     *         one, or a window that is still starting)
     */
    static boolean handOff(Path dataDir, List<Path> files) {
        Optional<Endpoint> endpoint = Endpoint.read(dataDir.resolve(FILE_NAME));
        if (endpoint.isEmpty()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.get().port()),
                    ANSWER_TIMEOUT_MS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF(MAGIC);
            out.writeUTF(endpoint.get().token());
            out.writeInt(files.size());
            for (Path file : files) {
                out.writeUTF(file.toAbsolutePath().normalize().toString());
            }
            out.flush();
            boolean taken = OK.equals(new DataInputStream(socket.getInputStream()).readUTF());
            if (taken) {
                log.info("Handed {} files to the running Ponder", files.size());
            }
            return taken;
        } catch (IOException e) {
            log.info("No running Ponder answered on port {} ({}); starting normally", endpoint.get().port(), e.toString());
            return false;
        }
    }

    /**
     * Like {@link #handOff}, trying again until {@code patience} has passed: for a launch that found
     * the library in use by a window that has not begun listening yet.
     */
    static boolean handOff(Path dataDir, List<Path> files, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (handOff(dataDir, files)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Listens for launches that hand over files, on a free loopback port, and writes the port file
     * (replacing a stale one). {@code onOpen} gets each launch's files on the listening thread and
     * must return quickly.
     *
     * @throws IOException when no socket or port file can be made; Ponder then runs without hand-over
     */
    static SingleInstance listen(Path dataDir, Consumer<List<Path>> onOpen) throws IOException {
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            Path portFile = dataDir.resolve(FILE_NAME);
            writeOwnerOnly(portFile, server.getLocalPort() + "\n" + token + "\n");
            SingleInstance instance = new SingleInstance(server, portFile, token, onOpen);
            instance.acceptor.start();
            log.info("Listening for other launches on port {}", server.getLocalPort());
            return instance;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The loopback port this window listens on. */
    int port() {
        return server.getLocalPort();
    }

    /** Stops listening and removes the port file, unless another window has written its own since. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing the listening socket: {}", e.toString());
        }
        if (Endpoint.read(portFile).filter(e -> e.token().equals(token)).isPresent()) {
            try {
                Files.deleteIfExists(portFile);
            } catch (IOException e) {
                log.warn("Could not remove {}: {}", portFile, e.toString());
            }
        }
    }

    private void accept(Consumer<List<Path>> onOpen) {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("The hand-over socket failed; other launches will start on their own", e);
                }
                return;
            }
            try (socket) {
                socket.setSoTimeout(ANSWER_TIMEOUT_MS);
                Optional<List<Path>> files = receive(socket);
                if (files.isPresent()) {
                    // acknowledged once the window has them, so the launch may exit
                    onOpen.accept(files.get());
                    new DataOutputStream(socket.getOutputStream()).writeUTF(OK);
                }
            } catch (IOException | RuntimeException e) {
                // one bad connection must not end listening for the next launch
                log.warn("A launch's hand-over failed: {}", e.toString());
            }
        }
    }

    /** The files a launch sent, or empty when it did not know the token or spoke another protocol. */
    private Optional<List<Path>> receive(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        if (!MAGIC.equals(in.readUTF())) {
            return Optional.empty();
        }
        byte[] theirs = in.readUTF().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(theirs, token.getBytes(StandardCharsets.UTF_8))) {
            log.warn("A connection to the hand-over port had the wrong token; ignored");
            return Optional.empty();
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_FILES) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            files.add(Path.of(in.readUTF()));
        }
        return Optional.of(files);
    }

    /** Writes {@code text} so that only its owner can read it, replacing the file in one step. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        boolean posix = Files.getFileStore(file.getParent()).supportsFileAttributeView("posix");
        Path temp = posix
                ? Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                // elsewhere (Windows) the data directory is in the user's own profile
                : Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** What the port file says. */
    record Endpoint(int port, String token) {

        /** The file's port and token; empty when there is no file or it is not one Ponder wrote. */
        static Optional<Endpoint> read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() < 2) {
                    return Optional.empty();
                }
                int port = Integer.parseInt(lines.get(0).trim());
                if (port <= 0 || port > 65535) {
                    return Optional.empty();
                }
                return Optional.of(new Endpoint(port, lines.get(1).trim()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
