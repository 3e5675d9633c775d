package dev.ponder.ui;

import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
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

    /**
     * A part made only when it is first needed: {@code build}'s node is made the first time
     * {@code condition} holds (now, if it holds), added to {@code parent}, and from then on shown only
     * while the condition holds. What no one has seen yet is not styled and laid out before the
     * first frame (issue #17: the first frame shows only what it must).
     */
    static void builtWhen(Pane parent, ObservableBooleanValue condition, Supplier<? extends Node> build) {
        Runnable make = () -> {
            Node node = build.get();
            when(node, condition);
            parent.getChildren().add(node);
        };
        if (condition.get()) {
            make.run();
            return;
        }
        // a binding is held by what it depends on only weakly: the parent holds it until the part is made
        Object key = new Object();
        parent.getProperties().put(key, condition);
        condition.addListener(new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean holds) {
                if (holds) {
                    o.removeListener(this);
                    parent.getProperties().remove(key);
                    make.run();
                }
            }
        });
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
