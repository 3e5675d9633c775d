package dev.ponder.sleeptime;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * System-wide idle time on macOS: the {@code HIDIdleTime} property (a CFNumber in nanoseconds) of the
 * {@code IOHIDSystem} service in the I/O Registry, read through IOKit and CoreFoundation.
 */
final class MacSystemIdle implements SystemIdle {

    /** {@code kCFStringEncodingUTF8}. */
    private static final int UTF8 = 0x08000100;
    /** {@code kCFNumberSInt64Type}. */
    private static final int SINT64 = 4;

    private final Function createProperty;
    private final Function getTypeId;
    private final Function numberGetValue;
    private final Function release;
    private final Function objectRelease;
    private final NativeLong numberTypeId;
    private final Memory value = new Memory(8);
    private int service;
    private Pointer key;

    private MacSystemIdle(NativeLibrary iokit, NativeLibrary cf, int service, Pointer key) {
        this.createProperty = iokit.getFunction("IORegistryEntryCreateCFProperty");
        this.objectRelease = iokit.getFunction("IOObjectRelease");
        this.getTypeId = cf.getFunction("CFGetTypeID");
        this.numberGetValue = cf.getFunction("CFNumberGetValue");
        this.release = cf.getFunction("CFRelease");
        this.numberTypeId = (NativeLong) cf.getFunction("CFNumberGetTypeID").invoke(NativeLong.class, new Object[0]);
        this.service = service;
        this.key = key;
    }

    /** @throws UnsatisfiedLinkError when IOKit or CoreFoundation cannot be loaded */
    static Optional<SystemIdle> open() {
        NativeLibrary iokit = NativeLibrary.getInstance("IOKit");
        NativeLibrary cf = NativeLibrary.getInstance("CoreFoundation");
        Pointer matching = iokit.getFunction("IOServiceMatching").invokePointer(new Object[] {"IOHIDSystem"});
        // kIOMasterPortDefault is MACH_PORT_NULL; the call consumes the matching dictionary
        int service = iokit.getFunction("IOServiceGetMatchingService").invokeInt(new Object[] {0, matching});
        if (service == 0) {
            return Optional.empty();
        }
        Pointer key = cf.getFunction("CFStringCreateWithCString").invokePointer(new Object[] {null, "HIDIdleTime", UTF8});
        MacSystemIdle idle = new MacSystemIdle(iokit, cf, service, key);
        if (idle.idleMillis().isEmpty()) {
            idle.close();
            return Optional.empty();
        }
        return Optional.of(idle);
    }

    @Override
    public synchronized OptionalLong idleMillis() {
        if (service == 0) {
            return OptionalLong.empty();
        }
        Pointer property = createProperty.invokePointer(new Object[] {service, key, null, 0});
        if (property == null) {
            return OptionalLong.empty();
        }
        try {
            NativeLong type = (NativeLong) getTypeId.invoke(NativeLong.class, new Object[] {property});
            if (!type.equals(numberTypeId)
                    || numberGetValue.invokeInt(new Object[] {property, SINT64, value}) == 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(value.getLong(0) / 1_000_000);
        } finally {
            release.invokeVoid(new Object[] {property});
        }
    }

    @Override
    public String description() {
        return "macOS HIDIdleTime";
    }

    @Override
    public synchronized void close() {
        if (service == 0) {
            return;
        }
        release.invokeVoid(new Object[] {key});
        objectRelease.invokeInt(new Object[] {service});
        service = 0;
        key = null;
    }
}
