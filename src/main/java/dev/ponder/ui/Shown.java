package dev.ponder.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** How views show and hide their parts: a hidden node takes no room, a label wraps its text. */
final class Shown {

    private Shown() {
    }

    /** {@code node} is shown, and laid out, only while {@code condition} holds. */
    static void when(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    /** {@code label} is shown only while it has text. */
    static void whenNotEmpty(Label label) {
        when(label, label.textProperty().isNotEmpty());
    }

    /**
     * {@code control} never narrower than its label: a narrow window squeezes the text fields and
     * lists around it, not "Think now" into "Think …".
     */
    static <T extends Region> T keepsItsLabel(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    /** {@code label}, wrapping its text and never shorter than it. */
    static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
