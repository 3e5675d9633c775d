package dev.ponder.store;

import dev.ponder.settings.Advice;
import java.nio.file.Path;

/**
 * Test helper run in a child JVM by {@link StorageFaultsTest}, under another account: opens the
 * library in {@code args[0]} as Ponder does and prints what the person would read, {@code window: …}
 * (the window's words) and {@code terminal: …} (a command's), or {@code opened}.
 */
public final class OpenLibraryChild {

    private OpenLibraryChild() {
    }

    public static void main(String[] args) {
        try (Database db = Database.open(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (StoreException e) {
            System.out.println("window: " + Advice.forWindow(e.getMessage(), "Retry"));
            System.out.println("terminal: " + Advice.forTerminal(e.getMessage()));
        }
    }
}
