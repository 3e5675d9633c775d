package dev.ponder.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one SHA-256 makes the keys stored in libraries: the values here are what the three helpers it
 * replaced made (checked with Python's hashlib), so keys stored before stay valid.
 */
class HashingTest {

    @TempDir
    Path dir;

    @Test
    void aStringIsHashedAsUtf8() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256Hex("abc"));
        assertEquals("b6554cce8a93f1c8818280e2a768116a79216ad5501a85357d233409db87d340", Hashing.sha256Hex("\ufb01"));
    }

    @Test
    void aFileIsHashedByItsBytesAsItsTextWouldBe() throws Exception {
        Path file = dir.resolve("abc.txt");
        byte[] big = new byte[200_000];  // more than one 64 KiB read
        Files.write(file, big);
        assertEquals(Hashing.sha256Hex(new String(big, java.nio.charset.StandardCharsets.UTF_8)), Hashing.sha256Hex(file));
        Files.writeString(file, "abc");
        assertEquals(Hashing.sha256Hex("abc"), Hashing.sha256Hex(file));
    }

    @Test
    void partsAreEachFollowedByTheSeparatorSoTheirBordersCount() {
        // sleep-time step keys: NUL after every part
        assertEquals("629c2f14f654f026086f2aefe1855533d0897f49df86a19073be17b237361b09", Hashing.sha256Hex('\0', List.of("ab", "c")));
        assertEquals("aa795aa4bbb6117911ef062e271bcb05ccfd58ea439da7d46a44e3a3fcefa790", Hashing.sha256Hex('\0', List.of("a", "bc")));
        // c′ content keys: a comma after every section hash
        assertEquals("2c0cf8cc4436e8abb9876445d40ee8e862aea4737c7d4cc704d72588720b3e74", Hashing.sha256Hex(',', List.of("0f", "1e")));
        assertThrows(IllegalArgumentException.class, () -> Hashing.sha256Hex('\u00e9', List.of("a")));
    }
}
