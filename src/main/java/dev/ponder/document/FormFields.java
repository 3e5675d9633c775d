package dev.ponder.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDChoice;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDNonTerminalField;
import org.apache.pdfbox.pdmodel.interactive.form.PDPushButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * The values of a PDF form (AcroForm) as lines of text, by page.
 *
 * <p>PDFBox's text stripper reads only page content, and form values live in the field
 * dictionaries ({@code /V}); when a form sets {@code NeedAppearances} there is no drawn value at
 * all (corpus case acroform-filled-fields). Without these lines "What is the employee ID?" could
 * not be answered.
 */
final class FormFields {

    private final PDDocument document;
    /** Widget dictionary → 0-based page index, built only when a widget does not name its page. */
    private Map<COSDictionary, Integer> widgetPages;

    private FormFields(PDDocument document) {
        this.document = document;
    }

    /**
     * Lines "Field label: value" keyed by 0-based page index (the page of the field's first widget,
     * or page 0 when it has none). Empty when the document has no form.
     *
     * @throws IOException when the form cannot be read
     */
    static Map<Integer, List<String>> linesByPage(PDDocument document) throws IOException {
        return new FormFields(document).collect();
    }

    private Map<Integer, List<String>> collect() throws IOException {
        // null fixup: read the form as stored; the default fixup would build appearance streams
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        Map<Integer, List<String>> lines = new HashMap<>();
        if (form == null) {
            return lines;
        }
        for (PDField field : form.getFieldTree()) {
            if (field instanceof PDNonTerminalField || field instanceof PDPushButton || field instanceof PDSignatureField) {
                continue;
            }
            String value = valueOf(field);
            if (value.isBlank()) {
                continue;
            }
            lines.computeIfAbsent(pageOf(field), k -> new ArrayList<>()).add(label(field) + ": " + value.strip());
        }
        return lines;
    }

    private static String valueOf(PDField field) {
        if (field instanceof PDCheckBox) {
            // not PDCheckBox.isChecked(): it compares /V with the widget's appearance names, and a
            // NeedAppearances form has none; any state but /Off means checked (PDF 32000 §12.7.4.2.3)
            String state = field.getValueAsString();
            return state == null || state.isEmpty() || state.equals("Off") ? "No" : "Yes";
        }
        if (field instanceof PDChoice choice) {
            return String.join(", ", choice.getValue());
        }
        String value = field.getValueAsString();
        // an unset radio group reports the state name "Off"
        return value == null || value.equals("Off") ? "" : value;
    }

    /** The field's tooltip label when it has one, else its name made readable ("employeeId" → "Employee id"). */
    static String label(PDField field) {
        String alternate = field.getAlternateFieldName();
        if (alternate != null && !alternate.isBlank()) {
            return alternate.strip();
        }
        String name = field.getPartialName() != null ? field.getPartialName() : field.getFullyQualifiedName();
        return humanise(name == null ? "Field" : name);
    }

    static String humanise(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_.\\-]+", " ").strip();
        if (spaced.isEmpty()) {
            return "Field";
        }
        String lower = spaced.equals(spaced.toUpperCase(Locale.ROOT)) ? spaced : spaced.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private int pageOf(PDField field) throws IOException {
        for (PDAnnotationWidget widget : field.getWidgets()) {
            PDPage page = widget.getPage();
            if (page != null) {
                int index = document.getPages().indexOf(page);
                if (index >= 0) {
                    return index;
                }
            }
            Integer index = widgetPages().get(widget.getCOSObject());
            if (index != null) {
                return index;
            }
        }
        return 0;
    }

    private Map<COSDictionary, Integer> widgetPages() throws IOException {
        if (widgetPages == null) {
            widgetPages = new HashMap<>();
            int index = 0;
            for (PDPage page : document.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    widgetPages.putIfAbsent(annotation.getCOSObject(), index);
                }
                index++;
            }
        }
        return widgetPages;
    }
}
