package dev.ponder.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Javadoc sits on the member it describes. The build compiles with doclint ({@code pom.xml}), which
 * fails on a broken {@code {@link}} and on an {@code @param} that names no parameter of the member
 * below; javac 17 ignores a block followed by another one (no dangling-comment lint before JDK 23),
 * so this test finds those in the sources.
 */
class JavadocTest {

    /** A doc comment, then only blank space or annotations, then another doc comment. */
    private static final Pattern STACKED = Pattern.compile("/\\*\\*(?:(?!\\*/).)*?\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*/\\*\\*",
            Pattern.DOTALL);

    @TempDir
    Path out;

    @Test
    void noDocCommentIsFollowedByAnotherOne() throws IOException {
        List<String> stacked = new ArrayList<>();
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    stacked.addAll(stackedIn(file.toString(), Files.readString(file)));
                }
            }
        }
        assertEquals(List.of(), stacked, "a doc comment that javac ignores: it belongs to another member");
    }

    @Test
    void aStackedBlockIsFound() {
        String source = "/** Says what a does. */\n"
                + "/** Says what b does. */\n"
                + "void b() { }\n";
        assertEquals(List.of("Example.java:1"), stackedIn("Example.java", source));
        assertEquals(List.of(), stackedIn("Example.java", "/** One. */\n@Override\npublic String toString() { return \"\"; }"));
    }

    @Test
    void doclintFailsTheBuildOnAMisplacedBlockAndABrokenLink() throws IOException {
        String flag = doclintFlag();
        String misplaced = """
                final class Misplaced {
                    /** @param savings what the next method takes */
                    static boolean first(int pointer) { return pointer > 0; }
                    static void second(int savings) { }
                }
                """;
        String brokenLink = """
                /** Written by {@link Gone#method()}. */
                final class BrokenLink { }
                """;
        String fine = """
                /** Fine. */
                final class Fine {
                    /**
                     * Returns its argument.
                     *
                     * @param a a number
                     * @return {@code a}, see {@link Fine#same(int)}
                     */
                    static int same(int a) { return a; }
                }
                """;
        assertFalse(compiles("Misplaced", misplaced, flag), "@param naming no parameter of the member below");
        assertFalse(compiles("BrokenLink", brokenLink, flag), "a {@link} to no class");
        assertTrue(compiles("Fine", fine, flag));
        assertTrue(compiles("Misplaced", misplaced, "-Xdoclint:none"), "without doclint the same source compiles");
    }

    static List<String> stackedIn(String name, String source) {
        List<String> found = new ArrayList<>();
        Matcher m = STACKED.matcher(source);
        while (m.find()) {
            found.add(name + ":" + (source.substring(0, m.start()).lines().count() + 1));
        }
        return found;
    }

    /** The {@code -Xdoclint} argument the build compiles with. */
    private static String doclintFlag() throws IOException {
        Matcher m = Pattern.compile("<arg>(-Xdoclint:[^<]+)</arg>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml compiles with -Xdoclint");
        return m.group(1);
    }

    private boolean compiles(String className, String source, String doclint) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        return javac.getTask(null, null, diagnostics, List.of(doclint, "-d", out.toString()), null, List.of(file)).call();
    }
}
