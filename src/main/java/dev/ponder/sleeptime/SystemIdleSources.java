package dev.ponder.sleeptime;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link SystemIdle} this operating system offers, through JNA, and falls back to
 * {@link SystemIdle#none()} when it offers none or the native call cannot be made (no
 * {@code DISPLAY}, a Wayland-only session, {@code libXss} missing, JNA unable to load).
 */
public final class SystemIdleSources {

    private static final Logger log = LoggerFactory.getLogger(SystemIdleSources.class);

    private SystemIdleSources() {
    }

    /** The source for this process's operating system and environment. Never throws. */
    public static SystemIdle detect() {
        return detect(System.getProperty("os.name", ""), System.getenv());
    }

    /**
     * @param osName value of {@code os.name}
     * @param env    the environment ({@code DISPLAY} is read on Linux and other Unixes)
     */
    static SystemIdle detect(String osName, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        Optional<SystemIdle> found;
        try {
            if (os.startsWith("windows")) {
                found = WindowsSystemIdle.open();
            } else if (os.startsWith("mac")) {
                found = MacSystemIdle.open();
            } else {
                String display = env.get("DISPLAY");
                // a Wayland-only session has no DISPLAY; XWayland's screen saver sees only X clients
                found = display == null || display.isBlank() ? Optional.empty() : X11SystemIdle.open(display);
            }
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (library missing), NoClassDefFoundError (JNA's native part), …
            log.info("System-wide idle time is not available ({}); Ponder counts input in its own window only",
                    e.toString());
            return SystemIdle.none();
        }
        SystemIdle idle = found.orElse(SystemIdle.none());
        log.info("System-wide idle time: {}", idle.description());
        return idle;
    }

    /** A source detected on first use, so commands that never ask load no native library. */
    public static SystemIdle lazy() {
        return new Lazy();
    }

    private static final class Lazy implements SystemIdle {
        private SystemIdle delegate;
        private boolean closed;

        private synchronized SystemIdle delegate() {
            if (delegate == null) {
                delegate = closed ? SystemIdle.none() : detect();
            }
            return delegate;
        }

        @Override
        public OptionalLong idleMillis() {
            return delegate().idleMillis();
        }

        @Override
        public String description() {
            return delegate().description();
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (delegate != null) {
                delegate.close();
            }
        }
    }
}
