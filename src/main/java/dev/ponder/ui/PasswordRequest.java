package dev.ponder.ui;

import java.nio.file.Path;

/**
 * The library needs the password of an encrypted document.
 *
 * @param file          the file to open with the password
 * @param fileName      its name, for the dialog
 * @param wrongPassword the last password given for it did not open it
 */
public record PasswordRequest(Path file, String fileName, boolean wrongPassword) {
}
