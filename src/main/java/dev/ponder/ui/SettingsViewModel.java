package dev.ponder.ui;

import dev.ponder.settings.Settings;
import dev.ponder.settings.DataFolders;
import dev.ponder.settings.SettingsStore;
import java.nio.file.Path;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import dev.ponder.settings.OpenAiEndpoint;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Settings dialog's state: one text property per setting (as typed), the models to pick from,
 * the first problem with what was typed (one sentence), and Save. Every value takes effect when
 * saved, without a restart; another model server (Ollama's address, or an OpenAI-compatible
 * server's address and key) is connected to then, which {@link #serverNoteProperty()} says. The
 * data folder is the exception: another one is used from the next start ({@link DataFolders}), which
 * {@link #dataFolderNoteProperty()} says. Never touches a node.
 */
public final class SettingsViewModel {

    private static final Logger log = LoggerFactory.getLogger(SettingsViewModel.class);

    /** The test-time or sleep-time model choice meaning "let Ponder choose" (stored as no name). */
    public static final String AUTOMATIC = "";

    /** Labels, as the dialog shows them and the problem sentences name them. */
    static final String IDLE = "Time away before thinking (seconds)";
    static final String DRAFTS = "Drafts compared while away (k)";
    static final String QUESTIONS_PER_DRAFT = "Questions anticipated per draft (M)";
    static final String ANSWER_LENGTH = "Answer length (tokens)";
    static final String READING_LIMIT = "Reading limit (tokens)";
    static final String MATCH = "Match needed for a prepared answer";
    static final String WEIGHT = "Weight of an answer token vs a sleep-time token";
    static final String DEADLINE = dev.ponder.settings.Advice.Setting.ANSWER_DEADLINE.label() + " (seconds)";
    static final String DATA_FOLDER = dev.ponder.settings.Advice.Setting.DATA_FOLDER.label();

    private final SettingsStore store;
    private final DataFolders folders;
    private final ModelStatusViewModel status;
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final StringProperty sleepModel = new SimpleStringProperty(this, "sleepModel");
    private final StringProperty ollamaUrl = new SimpleStringProperty(this, "ollamaUrl");
    private final BooleanProperty openAi = new SimpleBooleanProperty(this, "openAi");
    private final StringProperty openAiUrl = new SimpleStringProperty(this, "openAiUrl");
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey");
    private final StringProperty idleSeconds = new SimpleStringProperty(this, "idleSeconds");
    private final StringProperty sleepGenerations = new SimpleStringProperty(this, "sleepGenerations");
    private final StringProperty anticipatedQuestions = new SimpleStringProperty(this, "anticipatedQuestions");
    private final StringProperty answerTokens = new SimpleStringProperty(this, "answerTokens");
    private final StringProperty maxContextTokens = new SimpleStringProperty(this, "maxContextTokens");
    private final StringProperty preparedThreshold = new SimpleStringProperty(this, "preparedThreshold");
    private final StringProperty testTimeWeight = new SimpleStringProperty(this, "testTimeWeight");
    private final StringProperty ocrLanguages = new SimpleStringProperty(this, "ocrLanguages");
    private final StringProperty answerDeadline = new SimpleStringProperty(this, "answerDeadline");
    private final StringProperty dataFolder = new SimpleStringProperty(this, "dataFolder");
    private final StringBinding dataFolderNote;
    /** The folder the field showed when the dialog opened: only another one is chosen on Save. */
    private Path folderShown;
    private final ObservableList<String> modelChoices = FXCollections.observableArrayList();
    private final StringBinding problem;
    private final StringBinding serverNote;
    private final ReadOnlyStringWrapper saveProblem = new ReadOnlyStringWrapper(this, "saveProblem", "");
    private final java.util.function.Supplier<java.util.Optional<String>> readScansLeft;

    /**
     * @param store         the settings in force, updated by {@link #save()}
     * @param status        the model server's status; its model list feeds the pickers and is refreshed by
     *                      {@link #refreshModels()}
     * @param folders       where the library lives now and where another folder is chosen (the application
     *                      passes {@link DataFolders#forRun}; tests pass their own)
     * @param readScansLeft starts reading the scanned pages imports left unread, when text recognition
     *                      can run now, and says so ({@code LibraryService.readScansLeft}); empty when
     *                      there is nothing to read
     */
    public SettingsViewModel(SettingsStore store, ModelStatusViewModel status, DataFolders folders,
                             java.util.function.Supplier<java.util.Optional<String>> readScansLeft) {
        this.readScansLeft = readScansLeft;
        this.store = store;
        this.folders = folders;
        this.status = status;
        Observable[] fields = {model, sleepModel, ollamaUrl, openAi, openAiUrl, apiKey, idleSeconds, sleepGenerations, anticipatedQuestions,
                answerTokens, maxContextTokens, preparedThreshold, testTimeWeight, answerDeadline, dataFolder, ocrLanguages};
        this.problem = Bindings.createStringBinding(() -> {
            String p = parse().problem;
            return !p.isEmpty() ? p : folderProblem();
        }, fields);
        this.dataFolderNote = Bindings.createStringBinding(this::dataFolderNote, dataFolder);
        this.serverNote = Bindings.createStringBinding(() -> {
            Parsed p = parse();
            if (p.settings == null || !SettingsStore.changesModelServer(store.current(), p.settings)) {
                return "";
            }
            return java.util.Objects.equals(store.current().openAi(), p.settings.openAi())
                    ? "Ponder connects to the new Ollama address when you save."
                    : "Ponder connects to the new model server when you save.";
        }, fields);
        status.models().addListener((javafx.collections.ListChangeListener<String>) c -> updateChoices());
        reset();
    }

    /** Fills every field from the settings in force. */
    public void reset() {
        Settings s = store.current();
        model.set(s.model() == null ? AUTOMATIC : s.model());
        sleepModel.set(s.sleepModel() == null ? AUTOMATIC : s.sleepModel());
        ollamaUrl.set(s.ollamaUrl().toString());
        openAi.set(s.usesOpenAi());
        openAiUrl.set(s.usesOpenAi() ? s.openAi().url().toString() : "");
        apiKey.set(s.usesOpenAi() && s.openAi().hasApiKey() ? s.openAi().apiKey() : "");
        idleSeconds.set(Long.toString(s.idleThreshold().toSeconds()));
        sleepGenerations.set(Integer.toString(s.sleepGenerations()));
        anticipatedQuestions.set(Integer.toString(s.anticipatedQuestions()));
        answerTokens.set(Integer.toString(s.answerTokens()));
        maxContextTokens.set(Integer.toString(s.maxContextTokens()));
        preparedThreshold.set(number(s.preparedThreshold()));
        testTimeWeight.set(number(s.testTimeWeight()));
        ocrLanguages.set(s.ocrLanguages() == null ? "" : s.ocrLanguages());
        answerDeadline.set(Long.toString(s.firstTokenTimeout() == null ? 120 : s.firstTokenTimeout().toSeconds()));
        folderShown = folders.givenAtStart() ? folders.inUse() : folders.nextStart();
        dataFolder.set(folderShown.toString());
        saveProblem.set("");
        updateChoices();
    }

    /** Asks the model server again for its models (off the UI thread). */
    public void refreshModels() {
        status.refresh();
    }

    private void updateChoices() {
        List<String> names = new java.util.ArrayList<>();
        names.add(AUTOMATIC);
        for (String name : status.models()) {
            names.add(shortName(name));
        }
        for (String chosen : new String[] {model.get(), sleepModel.get()}) {
            if (chosen != null && !names.contains(chosen)) {
                names.add(chosen); // chosen earlier, not installed now: still shown, not silently dropped
            }
        }
        modelChoices.setAll(names.stream().distinct().toList());
    }

    private static String shortName(String name) {
        return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
    }

    /**
     * Saves and applies what was typed, when it is valid. Returns whether it did; when it did not,
     * {@link #problemProperty()} or {@link #saveProblemProperty()} says why in one sentence and the
     * settings in force are unchanged.
     */
    public boolean save() {
        Parsed p = parse();
        if (p.settings == null || !folderProblem().isEmpty()) {
            return false;
        }
        try {
            store.update(p.settings);
            Path folder = Path.of(dataFolder.get().strip());
            if (!folder.equals(folderShown)) {
                folders.choose(folder);
                folderShown = folder;
            }
            saveProblem.set("");
            return true;
        } catch (IOException e) {
            log.warn("Could not save the settings", e);
            saveProblem.set("Ponder could not save the settings in " + store.current().dataDir()
                    + " — check that the folder can be written.");
            return false;
        }
    }

    private record Parsed(Settings settings, String problem) {
    }

    private Parsed parse() {
        Settings s = store.current();
        try {
            URI url = url(ollamaUrl.get());
            s = s.withOllamaUrl(url)
                    .withOpenAi(openAi.get() ? new OpenAiEndpoint(openAiUrl(openAiUrl.get()), apiKey.get()) : null)
                    .withModel(blankToNull(model.get()))
                    .withSleepModel(blankToNull(sleepModel.get()))
                    .withIdleThreshold(Duration.ofSeconds(whole(idleSeconds.get(), IDLE, 0, 86_400)))
                    .withSleepGenerations(whole(sleepGenerations.get(), DRAFTS, 1, Settings.MAX_SLEEP_GENERATIONS))
                    .withAnticipatedQuestions(whole(anticipatedQuestions.get(), QUESTIONS_PER_DRAFT, 1,
                            Settings.MAX_ANTICIPATED_QUESTIONS))
                    .withAnswerTokens(whole(answerTokens.get(), ANSWER_LENGTH, 16, 32_768))
                    .withMaxContextTokens(whole(maxContextTokens.get(), READING_LIMIT, 512, 1_048_576))
                    .withPreparedThreshold(fraction(preparedThreshold.get()))
                    .withTestTimeWeight(weight(testTimeWeight.get()))
                    .withOcrLanguages(languages(ocrLanguages.get()));
            int deadline = whole(answerDeadline.get(), DEADLINE, 1, 3_600);
            if (s.firstTokenTimeout() == null || deadline != s.firstTokenTimeout().toSeconds()) {
                s = s.withAnswerDeadline(Duration.ofSeconds(deadline));
            }
            return new Parsed(s, "");
        } catch (Invalid e) {
            return new Parsed(null, e.getMessage());
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** Tesseract language codes ("deu+eng", commas and spaces allowed) as "deu+eng"; blank = automatic. */
    private static String languages(String text) {
        java.util.List<String> codes = dev.ponder.document.ocr.OcrLanguages.parse(text);
        if (codes.stream().anyMatch(c -> !c.matches("[a-z]{3}(_[a-z]+)?"))) {
            throw new Invalid("Languages of scanned pages are Tesseract's codes joined by +, e.g. deu+eng.");
        }
        return codes.isEmpty() ? null : String.join("+", codes);
    }

    /**
     * What the languages field is for, with the languages installed: "Empty: your language and
     * English. Installed: deu, eng, fra." or why scanned pages cannot be read. Loads Tesseract on the
     * first call (tens of ms), and looks for it again when it was missing: found now, it starts
     * reading the scanned pages imports left unread, and the note says so.
     */
    public String ocrLanguagesNote() {
        dev.ponder.document.ocr.OcrAvailability ocr = dev.ponder.document.ocr.TesseractLibrary.availability();
        if (ocr instanceof dev.ponder.document.ocr.OcrAvailability.Available available) {
            return "Tesseract's codes joined by +; empty: your language and English. Installed: "
                    + String.join(", ", available.languages()) + "."
                    + readScansLeft.get().map(sentence -> " " + sentence).orElse("");
        }
        dev.ponder.document.ocr.OcrAvailability.Unavailable missing = (dev.ponder.document.ocr.OcrAvailability.Unavailable) ocr;
        return missing.reason() + " To read scanned pages, " + missing.howToInstall() + ".";
    }

    private static int whole(String text, String name, int min, int max) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is wanted
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static double fraction(String text) {
        double v = decimal(text);
        if (v > 0 && v <= 1) {
            return v;
        }
        throw new Invalid(MATCH + " must be more than 0 and at most 1, e.g. 0.85.");
    }

    private static double weight(String text) {
        double v = decimal(text);
        if (v > 0 && !Double.isInfinite(v)) {
            return v;
        }
        throw new Invalid(WEIGHT + " must be a number above 0, e.g. 10.");
    }

    private static double decimal(String text) {
        try {
            return Double.parseDouble(text == null ? "" : text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static URI url(String text) {
        String v = text == null ? "" : text.strip();
        try {
            URI uri = new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the sentence below says what is wanted
        }
        throw new Invalid("Ollama address must look like http://localhost:11434.");
    }

    private static java.net.URI openAiUrl(String text) {
        if (text == null || text.isBlank()) {
            // nothing typed yet is not a wrong address
            throw new Invalid("Type the server's address, e.g. http://localhost:1234/v1.");
        }
        try {
            return OpenAiEndpoint.baseUrl(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("Server address must look like http://localhost:1234/v1.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** The first problem with what was typed, as one sentence; empty when all of it is valid. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** Whether what was typed can be saved. */
    public BooleanBinding validProperty() {
        return problem.isEmpty();
    }

    /** Says which typed change needs a restart; empty when everything applies at once. */
    public StringBinding serverNoteProperty() {
        return serverNote;
    }

    /** Why the last {@link #save()} could not write the file; empty otherwise. */
    public ReadOnlyStringProperty saveProblemProperty() {
        return saveProblem.getReadOnlyProperty();
    }

    /** Whether the model server in use now is Ollama (false: an OpenAI-compatible server). */
    public boolean serverIsOllama() {
        return status.ollama();
    }

    /** The folder this run's library is in. */
    public String dataDir() {
        return folders.inUse().toString();
    }

    private String folderProblem() {
        String text = dataFolder.get() == null ? "" : dataFolder.get().strip();
        try {
            if (!text.isEmpty() && Path.of(text).isAbsolute()) {
                return "";
            }
        } catch (java.nio.file.InvalidPathException e) {
            // the sentence below says what is wanted
        }
        return DATA_FOLDER + " must be a full path, e.g. " + folders.platformFolder() + ".";
    }

    /** What choosing another data folder does; empty while it is the one in use. */
    private String dataFolderNote() {
        if (!folderProblem().isEmpty()) {
            return "";
        }
        Path typed = Path.of(dataFolder.get().strip()).normalize();
        if (typed.equals(folders.inUse().normalize())) {
            return "";
        }
        String note = "Ponder uses " + typed + " from its next start. The library in " + folders.inUse()
                + " stays there; a folder without a library starts with an empty one.";
        return folders.givenAtStart() ? note + " This time Ponder was started with its folder given (PONDER_HOME "
                + "or --data-dir), which comes before the folder chosen here." : note;
    }

    /** The folder typed or chosen for the library (used from the next start when it is another). */
    public StringProperty dataFolderProperty() {
        return dataFolder;
    }

    /** What a changed data folder does, and when; empty when unchanged. */
    public StringBinding dataFolderNoteProperty() {
        return dataFolderNote;
    }

    /** The answer deadline in seconds, as typed: how long to wait for the model's first word. */
    public StringProperty answerDeadlineProperty() {
        return answerDeadline;
    }

    /** {@link #AUTOMATIC} first, then the installed models, then a chosen model no longer installed. */
    public ObservableList<String> modelChoices() {
        return modelChoices;
    }

    public StringProperty modelProperty() { return model; }
    public StringProperty sleepModelProperty() { return sleepModel; }
    public StringProperty ollamaUrlProperty() { return ollamaUrl; }
    /** True: an OpenAI-compatible server at {@link #openAiUrlProperty()}; false: Ollama. */
    public BooleanProperty openAiProperty() { return openAi; }
    /** The OpenAI-compatible server's base URL as typed ({@code /v1} is added when no path is given). */
    public StringProperty openAiUrlProperty() { return openAiUrl; }
    /** The OpenAI-compatible server's API key; blank = none. */
    public StringProperty apiKeyProperty() { return apiKey; }
    public StringProperty idleSecondsProperty() { return idleSeconds; }
    public StringProperty sleepGenerationsProperty() { return sleepGenerations; }
    public StringProperty anticipatedQuestionsProperty() { return anticipatedQuestions; }
    public StringProperty answerTokensProperty() { return answerTokens; }
    public StringProperty maxContextTokensProperty() { return maxContextTokens; }
    public StringProperty preparedThresholdProperty() { return preparedThreshold; }
    public StringProperty testTimeWeightProperty() { return testTimeWeight; }

    /** Languages of scanned pages, Tesseract's codes ("deu+eng"); empty = automatic. */
    public StringProperty ocrLanguagesProperty() { return ocrLanguages; }
}
