package dev.ponder.ui;

import dev.ponder.store.DocumentEntry;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import java.util.function.Consumer;

/**
 * The insights panel: what Ponder knows about the focused document. Sleep-time results
 * (anticipated questions, measured savings) join here in later issues.
 */
public final class InsightsViewModel {

    private final ReadOnlyObjectWrapper<DocumentItem> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyBooleanWrapper hasDocument = new ReadOnlyBooleanWrapper(this, "hasDocument");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<DocumentState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "");
    private final ReadOnlyStringWrapper pages = new ReadOnlyStringWrapper(this, "pages", "");
    private final ReadOnlyStringWrapper characters = new ReadOnlyStringWrapper(this, "characters", "");
    private final ReadOnlyStringWrapper sections = new ReadOnlyStringWrapper(this, "sections", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper citedPage = new ReadOnlyIntegerWrapper(this, "citedPage");
    private final ReadOnlyStringWrapper citedText = new ReadOnlyStringWrapper(this, "citedText", "");
    private final ReadOnlyBooleanWrapper needsPassword = new ReadOnlyBooleanWrapper(this, "needsPassword");
    private final ChangeListener<Object> refresh = (o, a, b) -> refresh();
    private final Consumer<DocumentItem> enterPassword;

    /** @param enterPassword asks for the password of a document that needs one (opens the dialog) */
    public InsightsViewModel(Consumer<DocumentItem> enterPassword) {
        this.enterPassword = enterPassword;
    }

    /** Asks for the password of the shown document, when it needs one. */
    public void enterPassword() {
        DocumentItem item = document.get();
        if (item != null && item.state() == DocumentState.NEEDS_PASSWORD) {
            enterPassword.accept(item);
        }
    }

    /** Shows {@code item} (null: nothing). Forgets a cited page of another document. */
    public void show(DocumentItem item) {
        DocumentItem old = document.get();
        if (old == item) {
            return;
        }
        if (old != null) {
            old.entryProperty().removeListener(refresh);
            old.statusTextProperty().removeListener(refresh);
        }
        document.set(item);
        citedPage.set(0);
        if (item != null) {
            item.entryProperty().addListener(refresh);
            item.statusTextProperty().addListener(refresh);
        }
        refresh();
    }

    /** Shows {@code item} with the page an answer cited (1-based). */
    public void showCitation(DocumentItem item, int page) {
        show(item);
        citedPage.set(page);
        refresh();
    }

    private void refresh() {
        DocumentItem item = document.get();
        hasDocument.set(item != null);
        if (item == null) {
            title.set("");
            state.set(null);
            statusText.set("");
            pages.set("");
            characters.set("");
            sections.set("");
            message.set("");
            citedText.set("");
            needsPassword.set(false);
            return;
        }
        DocumentEntry e = item.entry();
        title.set(e.fileName());
        state.set(item.state());
        statusText.set(item.state() == DocumentState.READY_WITH_WARNING ? "Ready, with a warning" : item.statusText());
        pages.set(e.pages() > 0 ? count(e.pages()) : "—");
        characters.set(e.chars() > 0 ? count(e.chars()) : "—");
        sections.set(e.sections() > 0 ? count(e.sections()) : "—");
        message.set(item.message().orElse(""));
        citedText.set(citedPage.get() > 0 ? "Cited: page " + citedPage.get() : "");
        needsPassword.set(item.state() == DocumentState.NEEDS_PASSWORD);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public ReadOnlyObjectProperty<DocumentItem> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasDocumentProperty() {
        return hasDocument.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DocumentState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pagesProperty() {
        return pages.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty charactersProperty() {
        return characters.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sectionsProperty() {
        return sections.getReadOnlyProperty();
    }

    /** The document's warning or error sentence, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Page a clicked citation points at (1-based), 0 when none. */
    public ReadOnlyIntegerProperty citedPageProperty() {
        return citedPage.getReadOnlyProperty();
    }

    /** True when the shown document is encrypted and waits for its password ("Enter password…"). */
    public ReadOnlyBooleanProperty needsPasswordProperty() {
        return needsPassword.getReadOnlyProperty();
    }

    /** "Cited: page 12", or empty. */
    public ReadOnlyStringProperty citedTextProperty() {
        return citedText.getReadOnlyProperty();
    }
}
