package dev.ponder.sleeptime;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * System-wide idle time on X11 from the MIT screen-saver extension ({@code libXss}):
 * {@code XScreenSaverQueryInfo(display, root, info)->idle}, in ms. Opens its own display connection;
 * Xlib connections are not thread-safe, so every call is synchronized.
 *
 * <p>The {@code XScreenSaverInfo} fields are read by offset rather than through a JNA
 * {@code Structure}: {@code Window window; int state; int kind; unsigned long til_or_since;
 * unsigned long idle; …} puts {@code idle} at {@code 2 * sizeof(long) + 8} on both ILP32 and LP64.
 */
final class X11SystemIdle implements SystemIdle {

    private static final long IDLE_OFFSET = 2L * NativeLong.SIZE + 8;

    private final Function queryInfo;
    private final Function closeDisplay;
    private final Function free;
    private final NativeLong root;
    private Pointer display;
    private Pointer info;

    private X11SystemIdle(NativeLibrary x11, NativeLibrary xss, Pointer display, NativeLong root, Pointer info) {
        this.queryInfo = xss.getFunction("XScreenSaverQueryInfo");
        this.closeDisplay = x11.getFunction("XCloseDisplay");
        this.free = x11.getFunction("XFree");
        this.display = display;
        this.root = root;
        this.info = info;
    }

    /**
     * Connects to {@code displayName} (e.g. {@code :0}).
     *
     * @return empty when the display cannot be opened or lacks the extension
     * @throws UnsatisfiedLinkError when libX11 or libXss is missing
     */
    static Optional<SystemIdle> open(String displayName) {
        NativeLibrary x11 = NativeLibrary.getInstance("X11");
        NativeLibrary xss = NativeLibrary.getInstance("Xss");
        Pointer display = x11.getFunction("XOpenDisplay").invokePointer(new Object[] {displayName});
        if (display == null) {
            return Optional.empty();
        }
        IntByReference eventBase = new IntByReference();
        IntByReference errorBase = new IntByReference();
        if (xss.getFunction("XScreenSaverQueryExtension").invokeInt(new Object[] {display, eventBase, errorBase}) == 0) {
            x11.getFunction("XCloseDisplay").invokeInt(new Object[] {display});
            return Optional.empty();
        }
        NativeLong root = (NativeLong) x11.getFunction("XDefaultRootWindow")
                .invoke(NativeLong.class, new Object[] {display});
        Pointer info = xss.getFunction("XScreenSaverAllocInfo").invokePointer(new Object[0]);
        if (info == null) {
            x11.getFunction("XCloseDisplay").invokeInt(new Object[] {display});
            return Optional.empty();
        }
        return Optional.of(new X11SystemIdle(x11, xss, display, root, info));
    }

    @Override
    public synchronized OptionalLong idleMillis() {
        if (display == null) {
            return OptionalLong.empty();
        }
        if (queryInfo.invokeInt(new Object[] {display, root, info}) == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(info.getNativeLong(IDLE_OFFSET).longValue());
    }

    @Override
    public String description() {
        return "X11 screen-saver extension";
    }

    @Override
    public synchronized void close() {
        if (display == null) {
            return;
        }
        free.invokeInt(new Object[] {info});
        closeDisplay.invokeInt(new Object[] {display});
        info = null;
        display = null;
    }
}
