package dev.ponder.sleeptime;

import dev.ponder.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Prints what the skip rules decide on every corpus PDF (a tuning aid, not a test). */
final class TriageProbe {
    public static void main(String[] args) throws Exception {
        for (Path dir : new Path[]{Corpus.root().resolve("real"), Corpus.root().resolve("tricky"), Path.of("sample-docs")}) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList()) {
                    if (f.getFileName().toString().contains("3000") && args.length == 0) {
                        continue;
                    }
                    CorpusSections c;
                    try {
                        c = CorpusSections.of(f);
                    } catch (Throwable e) {
                        continue;
                    }
                    var skips = c.skipped();
                    System.out.println("## " + c.fileName() + ": " + skips.size() + " of " + c.sections().size() + " skipped");
                    for (var s : skips) {
                        String t = s.section().text().replace('\n', '|');
                        System.out.println("  #" + s.section().ordinal() + " p" + s.section().firstPage() + "-" + s.section().lastPage()
                                + " " + s.reason() + ": " + t.substring(0, Math.min(110, t.length())));
                    }
                }
            }
        }
    }
}
