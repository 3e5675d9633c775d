package dev.ponder.sleeptime;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * System-wide idle time on Windows: {@code GetTickCount() - GetLastInputInfo().dwTime}, both in ms
 * and 32-bit, so the difference is taken modulo 2<sup>32</sup> (the tick count wraps every 49.7 days).
 * {@code LASTINPUTINFO} is {@code {UINT cbSize; DWORD dwTime;}}: 8 bytes.
 */
final class WindowsSystemIdle implements SystemIdle {

    private static final int LASTINPUTINFO_SIZE = 8;

    private final Function getLastInputInfo;
    private final Function getTickCount;
    private final Memory lastInputInfo = new Memory(LASTINPUTINFO_SIZE);
    private boolean closed;

    private WindowsSystemIdle(Function getLastInputInfo, Function getTickCount) {
        this.getLastInputInfo = getLastInputInfo;
        this.getTickCount = getTickCount;
    }

    /** @throws UnsatisfiedLinkError when user32 or kernel32 cannot be loaded */
    static Optional<SystemIdle> open() {
        // stdcall on 32-bit Windows; the option changes nothing on 64-bit
        Map<String, Object> stdcall = Map.of(Library.OPTION_CALLING_CONVENTION, Function.ALT_CONVENTION);
        NativeLibrary user32 = NativeLibrary.getInstance("user32", stdcall);
        NativeLibrary kernel32 = NativeLibrary.getInstance("kernel32", stdcall);
        WindowsSystemIdle idle = new WindowsSystemIdle(user32.getFunction("GetLastInputInfo"),
                kernel32.getFunction("GetTickCount"));
        return idle.idleMillis().isPresent() ? Optional.of(idle) : Optional.empty();
    }

    @Override
    public synchronized OptionalLong idleMillis() {
        if (closed) {
            return OptionalLong.empty();
        }
        lastInputInfo.setInt(0, LASTINPUTINFO_SIZE);
        lastInputInfo.setInt(4, 0);
        if (getLastInputInfo.invokeInt(new Object[] {lastInputInfo}) == 0) {
            return OptionalLong.empty();
        }
        int now = getTickCount.invokeInt(new Object[0]);
        return OptionalLong.of(Integer.toUnsignedLong(now - lastInputInfo.getInt(4)));
    }

    @Override
    public String description() {
        return "Windows GetLastInputInfo";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
