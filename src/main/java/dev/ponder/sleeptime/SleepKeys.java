package dev.ponder.sleeptime;

import dev.ponder.base.Hashing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input keys of the sleep-time steps of one document: for each step a hash of everything it
 * reads — its name, the key of the step before it (unless that step's result is not read by the
 * steps after it, {@link Step#feedsNext()}), its prompts' versions and its own {@link Step#inputs}. A step is DONE for one key; when the document's content, the sleep-time
 * model, a prompt version, the c′ budget, k or M changes, the key changes and the step is due
 * again (with every step after it), while the section notes of unchanged sections stay cached
 * under their own text hash.
 *
 * @param byStep step name → its key, in pipeline order
 */
record SleepKeys(Map<String, String> byStep) {

    SleepKeys {
        byStep = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byStep));
    }

    /** The keys of {@code steps} (in order) for {@code inputs}. */
    static SleepKeys of(List<? extends Step> steps, StepInputs inputs) {
        Map<String, String> keys = new LinkedHashMap<>();
        String previous = "";
        for (Step s : steps) {
            List<String> parts = new ArrayList<>();
            parts.add(s.key());
            parts.add(previous);
            s.prompts().forEach(p -> parts.add(p.version()));
            parts.addAll(s.inputs(inputs));
            String key = sha256(parts.toArray(String[]::new));
            keys.put(s.key(), key);
            if (s.feedsNext()) {
                previous = key;
            }
        }
        return new SleepKeys(keys);
    }

    /** The key of {@code step}. */
    String of(SleepStep step) {
        return of(step.key());
    }

    /** The key of the step named {@code stepKey}. */
    String of(String stepKey) {
        String key = byStep.get(stepKey);
        if (key == null) {
            throw new IllegalArgumentException("no sleep-time step " + stepKey);
        }
        return key;
    }

    /** A step key: hex SHA-256 of the parts, each followed by a NUL byte (the format keys stored so far have). */
    static String sha256(String... parts) {
        return Hashing.sha256Hex('\0', List.of(parts));
    }
}
