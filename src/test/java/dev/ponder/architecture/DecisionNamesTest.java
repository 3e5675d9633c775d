package dev.ponder.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision records in {@code docs/decisions/} name only classes that exist. Every code span that
 * reads as a Java name ({@code `LibraryService`}, {@code `StreamDeadlines.blocking`},
 * {@code `AnswerService::ask`}, {@code `PonderWindow.show(Stage, MainViewModel)`}) must name a class of
 * Ponder (main or test), of a library on the test class path, or of the JDK; for a class of Ponder,
 * the member after it must exist too. Issue #17 found an ADR naming classes renamed long before.
 */
class DecisionNamesTest {

    /** A class name, then members: {@code Name}, {@code Name.member.member}, {@code Name::member}, then arguments or a value. */
    private static final Pattern NAME = Pattern.compile(
            "([A-Z][A-Za-z0-9_]*)((?:(?:\\.|::)[A-Za-z_][A-Za-z0-9_]*)*)(?:\\(.*\\)|=\\S*)?");

    /**
     * Names in the ADRs that are not Java classes on the class path, each with why: operating-system
     * APIs, settings and package fields, and classes of libraries Ponder does not depend on.
     */
    private static final Map<String, String> NOT_ON_THE_CLASS_PATH = Map.of(
            "XScreenSaverQueryInfo", "an X11 function (libXss)",
            "GetLastInputInfo", "a Win32 function",
            "HIDIdleTime", "a macOS IOKit property",
            "AppsUseLightTheme", "a Windows registry value",
            "AppleInterfaceStyle", "a macOS defaults key",
            "WebView", "javafx-web, which Ponder does not use",
            "SwingFXUtils", "javafx-swing, which Ponder does not use",
            "DebugTextOverlay", "PDFBox's debugger, not a dependency",
            "Depends", "a field of a Debian package's control file");

    private static final Path DECISIONS = Path.of("docs", "decisions");

    private static Map<String, List<Class<?>>> ponderClasses;
    private static Set<String> otherClasses;

    @BeforeAll
    static void indexClasses() throws IOException {
        ponderClasses = new HashMap<>();
        otherClasses = new HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> index(path.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.endsWith(".class")).forEach(DecisionNamesTest::index);
                }
            }
        }
        for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
            try (ModuleReader reader = module.open(); Stream<String> names = reader.list()) {
                names.filter(n -> n.endsWith(".class")).forEach(DecisionNamesTest::index);
            }
        }
    }

    /** Indexes one class file by its simple name (a nested class by its own name). */
    private static void index(String classFile) {
        String binary = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        String simple = binary.substring(Math.max(binary.lastIndexOf('.'), binary.lastIndexOf('$')) + 1);
        if (simple.isEmpty() || Character.isDigit(simple.charAt(0)) || simple.equals("module-info")) {
            return;  // anonymous and local classes
        }
        if (binary.startsWith("dev.ponder.")) {
            try {
                ponderClasses.computeIfAbsent(simple, s -> new ArrayList<>())
                        .add(Class.forName(binary, false, DecisionNamesTest.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + binary, e);
            }
        } else {
            otherClasses.add(simple);
        }
    }

    @Test
    void everyClassAnAdrNamesExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> adrs = Files.list(DECISIONS)) {
            for (Path adr : adrs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String span : codeSpans(Files.readString(adr))) {
                    problem(span).ifPresent(p -> unknown.add(adr.getFileName() + ": `" + span + "` " + p));
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void aRenamedClassOrMemberIsFound() {
        assertTrue(problem("OllamaHttpClient").isPresent(), "a class that was renamed");
        assertTrue(problem("PromptBuilder.PROMPT_VERSION").isPresent(), "a constant that was removed");
        assertTrue(problem("StreamDeadlines.blocking").isEmpty(), "a method");
        assertTrue(problem("ModelHttpClient.Wire.SSE").isEmpty(), "a nested enum's constant");
        assertTrue(problem("AnswerService::ask").isEmpty(), "a method reference");
        assertTrue(problem("PonderWindow.show(Stage, MainViewModel)").isEmpty(), "a method with its parameters");
        assertTrue(problem("Platform.runLater").isEmpty(), "a JavaFX class (its members are not checked)");
        assertTrue(problem("NO_TEXT_LAYER").isEmpty(), "a constant on its own is no class name");
    }

    /** Inline code spans outside fenced blocks. */
    static List<String> codeSpans(String markdown) {
        String prose = markdown.replaceAll("(?s)```.*?```", "");
        List<String> spans = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`\\n]+)`").matcher(prose);
        while (m.find()) {
            spans.add(m.group(1).strip());
        }
        return spans;
    }

    /** Why {@code span} does not resolve, or empty when it does or is no Java name. */
    static Optional<String> problem(String span) {
        Matcher m = NAME.matcher(span);
        if (!m.matches() || m.group(1).chars().noneMatch(Character::isLowerCase)) {
            return Optional.empty();  // prose, a file name, a constant or an environment variable
        }
        String type = m.group(1);
        if (NOT_ON_THE_CLASS_PATH.containsKey(type)) {
            return Optional.empty();
        }
        List<Class<?>> ours = ponderClasses.getOrDefault(type, List.of());
        if (ours.isEmpty()) {
            return otherClasses.contains(type) ? Optional.empty()
                    : Optional.of("is no class of Ponder, of its libraries or of the JDK");
        }
        List<String> members = Arrays.stream(m.group(2).split("\\.|::")).filter(s -> !s.isEmpty()).toList();
        return ours.stream().anyMatch(c -> hasMembers(c, members)) ? Optional.empty()
                : Optional.of("names a member that " + type + " does not have");
    }

    /** Follows nested classes; the first member that is no class must be a field, method or enum constant. */
    private static boolean hasMembers(Class<?> type, List<String> members) {
        Class<?> at = type;
        for (String name : members) {
            Optional<Class<?>> nested = Arrays.stream(at.getDeclaredClasses()).filter(c -> c.getSimpleName().equals(name)).findFirst();
            if (nested.isPresent()) {
                at = nested.get();
                continue;
            }
            return Stream.<Member[]>of(at.getDeclaredFields(), at.getDeclaredMethods(), at.getDeclaredConstructors())
                    .flatMap(Arrays::stream).anyMatch(member -> member.getName().equals(name))
                    || inherited(at, name);
        }
        return true;
    }

    private static boolean inherited(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).anyMatch(method -> method.getName().equals(name));
    }
}
