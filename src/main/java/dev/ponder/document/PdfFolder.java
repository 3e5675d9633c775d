package dev.ponder.document;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The PDFs inside a folder a person dropped or named: a folder of papers is opened as its PDFs.
 * Subfolders are searched too, up to {@value #MAX_DEPTH} levels; hidden files and folders (a name
 * starting with ".") and symbolic links to folders are skipped, and a subfolder that cannot be read
 * is passed over. At most {@value #MAX_FILES} PDFs are taken, so a drop of a whole home folder
 * does not queue a lifetime of imports.
 */
public final class PdfFolder {

    /** Levels of subfolders searched below the folder itself. */
    public static final int MAX_DEPTH = 8;
    /** PDFs taken from one folder at most. */
    public static final int MAX_FILES = 1000;

    /**
     * @param pdfs      the PDFs found, in path order (a folder's files before its subfolders' is not
     *                  promised; the order is that of the sorted paths)
     * @param truncated whether there were more than {@link #MAX_FILES}
     */
    public record Contents(Path folder, List<Path> pdfs, boolean truncated) {
    }

    private PdfFolder() {
    }

    /**
     * The PDFs in {@code folder} and its subfolders, by name ({@code .pdf} in any case).
     *
     * @throws IOException when {@code folder} itself cannot be read
     */
    public static Contents pdfsIn(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        boolean[] truncated = {false};
        Files.walkFileTree(folder, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH + 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(folder) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !hidden(file) && isPdfName(file)) {
                            if (found.size() == MAX_FILES) {
                                truncated[0] = true;
                                return FileVisitResult.TERMINATE;
                            }
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(folder)) {
                            throw e;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(null);
        return new Contents(folder, List.copyOf(found), truncated[0]);
    }

    /**
     * The sentence for a folder that gave no PDF, or that gave more than {@link #MAX_FILES}; empty
     * when there is nothing to say.
     */
    public static String sentence(Contents contents) {
        String name = contents.folder().getFileName() == null ? contents.folder().toString()
                : contents.folder().getFileName().toString();
        if (contents.pdfs().isEmpty()) {
            return "There are no PDFs in the folder " + name + ".";
        }
        if (contents.truncated()) {
            return String.format(Locale.ROOT, "The folder %s holds more than %,d PDFs; the first %,d are added.",
                    name, MAX_FILES, MAX_FILES);
        }
        return "";
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isPdfName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
    }
}
