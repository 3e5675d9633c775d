package dev.ponder.ui;

import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * Keeps a scroll pane at the bottom while its content grows (a streaming answer, chips and footer
 * arriving), unless the reader has scrolled away from the bottom; scrolling back down resumes
 * following.
 *
 * <p>Only the reader's own input (wheel, touchpad, keys, dragging the scroll bar) decides whether
 * to follow: {@code ScrollPaneSkin} itself moves {@code vvalue} during layout (it reset a freshly
 * set bottom to 0 when restored history was first laid out), so a {@code vvalue} change without
 * input is never taken as "the reader scrolled up". While not following, the skin keeps the
 * reader's pixel position as content grows below, so the text they read holds still.
 */
final class BottomFollower {

    /** A {@code vvalue} change this soon after input is the reader's doing (ns). */
    private static final long INPUT_WINDOW_NANOS = 400_000_000L;

    private final ScrollPane scroller;
    private final Region content;
    private boolean following = true;
    private boolean adjusting;
    private boolean mouseDown;
    private long lastInput = Long.MIN_VALUE / 2;

    BottomFollower(ScrollPane scroller, Region content) {
        this.scroller = scroller;
        this.content = content;
        scroller.addEventFilter(ScrollEvent.ANY, e -> lastInput = System.nanoTime());
        scroller.addEventFilter(KeyEvent.KEY_PRESSED, e -> lastInput = System.nanoTime());
        scroller.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> mouseDown = onScrollBar(e.getTarget()));
        scroller.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            mouseDown = false;
            lastInput = System.nanoTime();
        });
        scroller.vvalueProperty().addListener((o, a, v) -> {
            if (adjusting) {
                return;
            }
            if (readerIsScrolling()) {
                following = v.doubleValue() >= scroller.getVmax() - 0.001 || !scrollable();
            } else if (following) {
                pin();
            }
        });
        content.heightProperty().addListener((o, a, b) -> {
            if (following) {
                pin();
            }
        });
        scroller.viewportBoundsProperty().addListener((o, a, b) -> {
            if (following) {
                pin();
            }
        });
    }

    /** Goes to the bottom and stays there (a question was sent, history was shown). */
    void follow() {
        following = true;
        pin();
    }

    private boolean readerIsScrolling() {
        return mouseDown || System.nanoTime() - lastInput < INPUT_WINDOW_NANOS;
    }

    /** A press on the scroll bar (thumb, track, arrows) scrolls; one on a chip or button does not. */
    private static boolean onScrollBar(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }

    private boolean scrollable() {
        return content.getHeight() > scroller.getViewportBounds().getHeight();
    }

    private void pin() {
        set(scroller.getVmax());
    }

    private void set(double value) {
        adjusting = true;
        try {
            scroller.setVvalue(value);
        } finally {
            adjusting = false;
        }
    }
}
