package dev.ponder.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * Draws commonmark-java blocks as JavaFX nodes. Every node is text, a hyperlink or a layout pane:
 * no {@code Image}, no {@code WebView}, so nothing an answer contains is ever fetched. Style
 * classes start with {@code md-} (see ponder.css).
 */
final class MarkdownBlocks {

    /** A page reference as answers write it: "[p. 3]", "[pp. 4–6]", "[report.pdf p. 12; b.pdf p. 2]". */
    static final Pattern PAGE_REFERENCE = Pattern.compile("\\[[^\\[\\]\\n]{0,300}?\\bpp?\\. ?\\d[^\\[\\]\\n]*]");

    private MarkdownBlocks() {
    }

    static Node block(Block block, Consumer<String> onLink) {
        if (block instanceof Paragraph) {
            return flow(block, onLink, "md-paragraph");
        }
        if (block instanceof Heading h) {
            return flow(block, onLink, "md-heading", "md-h" + Math.min(h.getLevel(), 4));
        }
        if (block instanceof ListBlock list) {
            return list(list, onLink);
        }
        if (block instanceof FencedCodeBlock code) {
            return code(code.getLiteral());
        }
        if (block instanceof IndentedCodeBlock code) {
            return code(code.getLiteral());
        }
        if (block instanceof BlockQuote) {
            VBox quote = children(block, onLink);
            quote.getStyleClass().add("md-quote");
            return quote;
        }
        if (block instanceof ThematicBreak) {
            Separator line = new Separator();
            line.getStyleClass().add("md-rule");
            return line;
        }
        if (block instanceof HtmlBlock html) {
            return code(html.getLiteral()); // shown as the text it is, never interpreted
        }
        if (block instanceof TableBlock table) {
            return table(table, onLink);
        }
        if (block instanceof ListItem) {
            return children(block, onLink);
        }
        // an unknown block: its text, so nothing the model wrote disappears
        return flow(block, onLink, "md-paragraph");
    }

    private static VBox children(org.commonmark.node.Node parent, Consumer<String> onLink) {
        VBox box = new VBox();
        box.getStyleClass().add("md-blocks");
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Block b && !(n instanceof LinkReferenceDefinition)) {
                box.getChildren().add(block(b, onLink));
            }
        }
        return box;
    }

    private static Node list(ListBlock list, Consumer<String> onLink) {
        VBox box = new VBox();
        box.getStyleClass().addAll("md-list", list.isTight() ? "md-tight" : "md-loose");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node n = list.getFirstChild(); n != null; n = n.getNext()) {
            if (!(n instanceof ListItem item)) {
                continue;
            }
            String marker = list instanceof BulletList ? "•" : number++ + ".";
            Label bullet = new Label(marker);
            bullet.getStyleClass().add("md-bullet");
            bullet.setMinWidth(Region.USE_PREF_SIZE);
            VBox content = children(item, onLink);
            HBox.setHgrow(content, Priority.ALWAYS);
            content.setMinWidth(0);
            HBox row = new HBox(bullet, content);
            row.getStyleClass().add("md-list-item");
            row.setAlignment(Pos.TOP_LEFT);
            box.getChildren().add(row);
        }
        return box;
    }

    private static Node code(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label code = new Label(text);
        code.getStyleClass().add("md-code-block");
        code.setWrapText(true);
        code.setMinHeight(Region.USE_PREF_SIZE);
        code.setMaxWidth(Double.MAX_VALUE);
        return code;
    }

    private static Node table(TableBlock table, Consumer<String> onLink) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        int columns = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int col = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (!(c instanceof TableCell cell)) {
                        continue;
                    }
                    TextFlow text = flow(cell, onLink, "md-cell-text");
                    VBox box = new VBox(text);
                    box.getStyleClass().addAll("md-cell", head ? "md-header-cell" : (row % 2 == 0 ? "md-even" : "md-odd"));
                    box.setMaxWidth(Double.MAX_VALUE);
                    box.setMaxHeight(Double.MAX_VALUE);
                    if (cell.getAlignment() == TableCell.Alignment.RIGHT) {
                        text.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                    } else if (cell.getAlignment() == TableCell.Alignment.CENTER) {
                        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                    }
                    grid.add(box, col++, row);
                }
                columns = Math.max(columns, col);
                row++;
            }
        }
        for (int i = 0; i < columns; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            cc.setHalignment(HPos.LEFT);
            grid.getColumnConstraints().add(cc);
        }
        grid.setMaxWidth(Region.USE_PREF_SIZE);
        return grid;
    }

    /** A block's inline content as one wrapping text flow. */
    static TextFlow flow(org.commonmark.node.Node block, Consumer<String> onLink, String... styles) {
        Inlines inlines = new Inlines(onLink);
        inlines.children(block);
        TextFlow flow = new TextFlow();
        flow.getStyleClass().addAll(styles);
        flow.getChildren().setAll(inlines.finish());
        flow.setMinHeight(Region.USE_PREF_SIZE);
        return flow;
    }

    /** Walks inline nodes, merging neighbouring text of the same style into one {@link Text}. */
    private static final class Inlines {
        private final Consumer<String> onLink;
        private final List<Node> out = new ArrayList<>();
        private final List<String> styles = new ArrayList<>();
        private final StringBuilder run = new StringBuilder();
        private Set<String> runStyles = Set.of();

        Inlines(Consumer<String> onLink) {
            this.onLink = onLink;
        }

        void children(org.commonmark.node.Node parent) {
            for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                inline(n);
            }
        }

        private void inline(org.commonmark.node.Node n) {
            if (n instanceof org.commonmark.node.Text t) {
                text(t.getLiteral());
            } else if (n instanceof Code c) {
                styled("md-code", () -> text(c.getLiteral()));
            } else if (n instanceof StrongEmphasis) {
                styled("md-strong", () -> children(n));
            } else if (n instanceof Emphasis) {
                styled("md-emphasis", () -> children(n));
            } else if (n instanceof SoftLineBreak) {
                text(" ");
            } else if (n instanceof HardLineBreak) {
                text("\n");
            } else if (n instanceof HtmlInline html) {
                text(html.getLiteral()); // the tag as text, never interpreted
            } else if (n instanceof Image image) {
                link(image.getDestination(), "[image: " + plain(image).strip() + "]", "md-image");
            } else if (n instanceof Link link) {
                link(link.getDestination(), plain(link), "md-link");
            } else if (n instanceof Block b) {
                flush();
                out.add(block(b, onLink));
            } else {
                children(n);
            }
        }

        private void styled(String style, Runnable inside) {
            styles.add(style);
            inside.run();
            styles.remove(styles.size() - 1);
        }

        private void text(String s) {
            Set<String> now = new LinkedHashSet<>(styles);
            if (!now.equals(runStyles)) {
                flush();
                runStyles = now;
            }
            run.append(s);
        }

        /**
         * A link the user may click: safe ones (see {@link Links}) become a hyperlink calling
         * {@code onLink} on click, with the address as its tooltip; others stay text.
         */
        private void link(String destination, String label, String style) {
            String shown = label.isBlank() ? destination : label;
            if (Links.safe(destination).isEmpty()) {
                styled(style + "-inert", () -> text(shown));
                return;
            }
            flush();
            Hyperlink link = new Hyperlink(shown);
            link.getStyleClass().add(style);
            link.setFocusTraversable(false);
            link.setTooltip(new Tooltip(destination));
            link.setOnAction(e -> onLink.accept(destination));
            out.add(link);
        }

        private void flush() {
            if (run.isEmpty()) {
                return;
            }
            String s = run.toString();
            run.setLength(0);
            Matcher m = PAGE_REFERENCE.matcher(s);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    out.add(textNode(s.substring(at, m.start()), runStyles));
                }
                Text ref = textNode(m.group(), runStyles);
                ref.getStyleClass().add("md-page-reference");
                out.add(ref);
                at = m.end();
            }
            if (at < s.length()) {
                out.add(textNode(s.substring(at), runStyles));
            }
        }

        private static Text textNode(String s, Set<String> styles) {
            Text t = new Text(s);
            t.getStyleClass().add("md-text");
            t.getStyleClass().addAll(styles);
            return t;
        }

        List<Node> finish() {
            flush();
            return out;
        }
    }

    /** The plain text inside an inline node (a link's or image's label). */
    static String plain(org.commonmark.node.Node n) {
        StringBuilder sb = new StringBuilder();
        for (org.commonmark.node.Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.node.Text t) {
                sb.append(t.getLiteral());
            } else if (c instanceof Code code) {
                sb.append(code.getLiteral());
            } else if (c instanceof SoftLineBreak || c instanceof HardLineBreak) {
                sb.append(' ');
            } else {
                sb.append(plain(c));
            }
        }
        return sb.toString();
    }
}
