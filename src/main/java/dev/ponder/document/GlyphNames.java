package dev.ponder.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.fontbox.ttf.PostScriptTable;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDSimpleFont;
import org.apache.pdfbox.pdmodel.font.PDTrueTypeFont;
import org.apache.pdfbox.pdmodel.font.encoding.Encoding;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of glyphs whose font has no Unicode value for them, read from the glyph's name, as
 * pdftotext does.
 *
 * <p>pdfTeX writes fonts without a ToUnicode map by default, and fonts such as Linux Libertine name
 * their ligatures {@code f_i}, {@code f_f_i}, {@code f_t} or {@code t_t}. Neither PDFBox's glyph
 * lists nor Unicode have an entry for most of these ("tt" and "ft" have no ligature code point), so
 * PDFBox coerces the character code into a control character and the letters vanish: "erfindet"
 * became "erndet", "headlinetitlepageleft" "headlinetitlepagele" (the German
 * {@code hausarbeit-jura} manual in {@code sample-docs/}). The name is taken from the font's
 * encoding (its {@code /Differences} or built-in encoding) and, for TrueType fonts, from the
 * {@code post} table, then mapped by the rules of the Adobe Glyph List Specification (AGL): drop a
 * suffix after the first full stop, split ligature names at underscores, and map each part by the
 * glyph list (PDFBox's Adobe list plus its additional TeX names) or as {@code uniXXXX[XXXX…]} /
 * {@code uXXXX[XX]}. A name with any part that does not map gives nothing.
 *
 * <p>Composite (Type 0) fonts are not covered: PDFBox skips their unmapped glyphs before a
 * stripper can see them.
 */
final class GlyphNames {

    /** PDFBox's own Adobe glyph list with its additional names (TeX's {@code angbracketleft}, …). */
    static final GlyphList GLYPHS = glyphList();

    private GlyphNames() {
    }

    private static GlyphList glyphList() {
        String path = "/org/apache/pdfbox/resources/glyphlist/additional.txt";
        try (InputStream in = GlyphList.class.getResourceAsStream(path)) {
            return in == null ? GlyphList.getAdobeGlyphList() : new GlyphList(GlyphList.getAdobeGlyphList(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("PDFBox's additional glyph list could not be read", e);
        }
    }

    /**
     * The text glyph {@code code} of {@code font} shows: the font's own Unicode value when it has
     * one, else the one its glyph name gives; empty when neither says.
     */
    static Optional<String> unicode(PDFont font, int code) {
        String mapped = font.toUnicode(code, GLYPHS);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        return nameOf(font, code).map(GlyphNames::fromName);
    }

    /**
     * {@code text} with the letters its glyph name gives when PDFBox coerced an unmapped
     * character code into a character (its fallback for simple fonts); {@code text} itself
     * otherwise. The new position has the same place, size and font.
     */
    static TextPosition named(TextPosition text) {
        int[] codes = text.getCharacterCodes();
        if (codes == null || codes.length != 1 || !(text.getFont() instanceof PDSimpleFont font)
                || font.toUnicode(codes[0], GLYPHS) != null) {
            return text;
        }
        Optional<String> named = nameOf(font, codes[0]).map(GlyphNames::fromName);
        if (named.isEmpty() || named.get().isEmpty()) {
            return text;
        }
        float[] widths = text.getIndividualWidths();
        return new TextPosition(text.getRotation(), text.getPageWidth(), text.getPageHeight(), text.getTextMatrix(),
                text.getEndX(), text.getEndY(), text.getHeight(), widths.length == 1 ? widths[0] : text.getWidth(),
                text.getWidthOfSpace(), named.get(), codes, font, text.getFontSize(), (int) text.getFontSizeInPt());
    }

    private static Optional<String> nameOf(PDFont font, int code) {
        if (!(font instanceof PDSimpleFont simple)) {
            return Optional.empty();
        }
        Encoding encoding = simple.getEncoding();
        String name = encoding == null ? null : encoding.getName(code);
        if ((name == null || ".notdef".equals(name)) && font instanceof PDTrueTypeFont trueType) {
            name = postTableName(trueType, code);
        }
        return name == null || ".notdef".equals(name) ? Optional.empty() : Optional.of(name);
    }

    private static String postTableName(PDTrueTypeFont font, int code) {
        try {
            TrueTypeFont ttf = font.getTrueTypeFont();
            PostScriptTable post = ttf == null ? null : ttf.getPostScript();
            return post == null ? null : post.getName(font.codeToGID(code));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The text a glyph name stands for by the AGL rules (class comment), e.g. {@code f_f_i} → "ffi",
     * {@code t_t.alt} → "tt", {@code uniFB01} → "\uFB01", {@code uni00660069} → "fi"; {@code null}
     * when a part of it maps to nothing.
     */
    static String fromName(String glyphName) {
        int dot = glyphName.indexOf('.');
        String base = dot >= 0 ? glyphName.substring(0, dot) : glyphName;
        if (base.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : base.split("_", -1)) {
            String text = part.isEmpty() ? null : component(part);
            if (text == null) {
                return null;
            }
            out.append(text);
        }
        return out.toString();
    }

    private static String component(String part) {
        String listed = GLYPHS.toUnicode(part);
        if (listed != null) {
            return listed;
        }
        if (part.startsWith("uni") && part.length() > 3 && (part.length() - 3) % 4 == 0) {
            return codePoints(part.substring(3), 4);
        }
        if (part.startsWith("u") && part.length() >= 5 && part.length() <= 7) {
            return codePoints(part.substring(1), part.length() - 1);
        }
        return null;
    }

    /** Hex digits in groups of {@code width}, each a code point outside the surrogates. */
    private static String codePoints(String hex, int width) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += width) {
            String digits = hex.substring(i, i + width);
            if (!digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isLowerCase(c))) {
                return null;
            }
            int cp = Integer.parseInt(digits, 16);
            if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return null;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
