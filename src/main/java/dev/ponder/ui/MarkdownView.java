package dev.ponder.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * An answer's Markdown (CommonMark with GFM tables, parsed by commonmark-java) drawn as JavaFX
 * nodes: paragraphs, headings, emphasis, lists, code, quotes and tables. Nothing is fetched: an
 * image shows as its alt text, raw HTML as the text it is, and a link is a hyperlink that calls
 * {@code onLink} only when clicked (see {@link MarkdownBlocks}).
 *
 * <p>Set again and again while an answer streams, it redraws only from the first top-level block
 * whose source changed (usually the last one), so earlier paragraphs keep their nodes and their
 * height and the reader's place holds still.
 */
final class MarkdownView extends VBox {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    private final Consumer<String> onLink;
    private final List<String> blockSources = new ArrayList<>();
    private String markdown = "";

    /** @param onLink called with a link's destination when the user clicks a safe link */
    MarkdownView(Consumer<String> onLink) {
        this.onLink = onLink;
        getStyleClass().add("markdown");
    }

    /** The Markdown shown (the source, as set). */
    String markdown() {
        return markdown;
    }

    /** The text as drawn: each top-level block's text, one block a line (for tests and accessibility). */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Node block : getChildren()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            appendText(block, sb);
        }
        return sb.toString();
    }

    private static void appendText(Node node, StringBuilder sb) {
        if (node instanceof javafx.scene.text.Text t) {
            sb.append(t.getText());
        } else if (node instanceof javafx.scene.control.Labeled l) {
            sb.append(l.getText());
        } else if (node instanceof javafx.scene.Parent p) {
            // blocks one a line, a list item's marker before its text, table cells apart
            String between = p instanceof VBox ? "\n" : p instanceof javafx.scene.layout.HBox ? " "
                    : p instanceof javafx.scene.layout.GridPane ? "\t" : "";
            boolean first = true;
            for (Node child : p.getChildrenUnmodifiable()) {
                if (!first) {
                    sb.append(between);
                }
                first = false;
                appendText(child, sb);
            }
        }
    }

    /** Shows {@code text}, redrawing only the top-level blocks that changed since the last call. */
    void setMarkdown(String text) {
        String source = text == null ? "" : text;
        if (source.equals(markdown)) {
            return;
        }
        markdown = source;
        org.commonmark.node.Node document = PARSER.parse(source);
        List<org.commonmark.node.Node> blocks = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (org.commonmark.node.Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.LinkReferenceDefinition) {
                continue;
            }
            blocks.add(n);
            sources.add(sourceOf(n, source));
        }
        // a link reference definition changes how earlier blocks read: redraw everything then
        boolean definitions = source.contains("]:");
        int same = 0;
        while (!definitions && same < blocks.size() && same < blockSources.size()
                && blockSources.get(same).equals(sources.get(same)) && same < getChildren().size()) {
            same++;
        }
        List<Node> fresh = new ArrayList<>();
        for (int i = same; i < blocks.size(); i++) {
            fresh.add(MarkdownBlocks.block((Block) blocks.get(i), onLink));
        }
        if (same < getChildren().size()) {
            getChildren().remove(same, getChildren().size());
        }
        getChildren().addAll(fresh);
        blockSources.clear();
        blockSources.addAll(sources);
    }

    private static String sourceOf(org.commonmark.node.Node block, String text) {
        StringBuilder sb = new StringBuilder(block.getClass().getSimpleName()).append(':');
        for (SourceSpan span : block.getSourceSpans()) {
            int from = Math.min(span.getInputIndex(), text.length());
            sb.append(text, from, Math.min(from + span.getLength(), text.length())).append('\n');
        }
        return sb.toString();
    }
}
