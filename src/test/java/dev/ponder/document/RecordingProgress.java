package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every progress report and row change, for assertions. */
class RecordingProgress implements ImportProgress {

    final List<String> stages = Collections.synchronizedList(new ArrayList<>());
    final List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
    final List<DocumentEntry> changes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void progress(String stage, double fraction) {
        stages.add(stage);
        fractions.add(fraction);
    }

    @Override
    public void documentChanged(DocumentEntry document) {
        changes.add(document);
    }

    boolean readAnyPage() {
        return stages.stream().anyMatch(s -> s.startsWith("Reading page"));
    }
}
