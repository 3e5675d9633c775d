package dev.ponder.search;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Lucene's analysis per language: its analyzer for each language it has one for (stemming, elision,
 * folding and stop words: German, French, Spanish, Italian, Portuguese and 30 more), CJK bigrams for
 * Chinese, Japanese and Korean, Arabic normalisation and light stemming, and Lucene's
 * {@link StandardAnalyzer} for any other language. Plus one language-neutral analysis, used beside
 * the document's own: Unicode word breaking, lower case, accents folded, CJK bigrams, Arabic
 * normalisation, nothing stemmed, so names, numbers and borrowed terms match whatever the language
 * of the question. Analyzers are thread-safe and shared.
 */
public final class Analysis {

    /** The field suffix and analysis of a document whose language is unknown or has no analyzer of its own. */
    public static final String OTHER = "other";

    private static final Map<String, Supplier<Analyzer>> BY_LANGUAGE = Map.ofEntries(
            Map.entry("ar", ArabicAnalyzer::new), Map.entry("bg", BulgarianAnalyzer::new),
            Map.entry("bn", BengaliAnalyzer::new), Map.entry("ca", CatalanAnalyzer::new),
            Map.entry("ckb", SoraniAnalyzer::new), Map.entry("cs", CzechAnalyzer::new),
            Map.entry("da", DanishAnalyzer::new), Map.entry("de", GermanAnalyzer::new),
            Map.entry("el", GreekAnalyzer::new), Map.entry("en", EnglishAnalyzer::new),
            Map.entry("es", SpanishAnalyzer::new), Map.entry("et", EstonianAnalyzer::new),
            Map.entry("eu", BasqueAnalyzer::new), Map.entry("fa", PersianAnalyzer::new),
            Map.entry("fi", FinnishAnalyzer::new), Map.entry("fr", FrenchAnalyzer::new),
            Map.entry("ga", IrishAnalyzer::new), Map.entry("gl", GalicianAnalyzer::new),
            Map.entry("hi", HindiAnalyzer::new), Map.entry("hu", HungarianAnalyzer::new),
            Map.entry("hy", ArmenianAnalyzer::new), Map.entry("id", IndonesianAnalyzer::new),
            Map.entry("it", ItalianAnalyzer::new), Map.entry("ja", CJKAnalyzer::new),
            Map.entry("ko", CJKAnalyzer::new), Map.entry("lt", LithuanianAnalyzer::new),
            Map.entry("lv", LatvianAnalyzer::new), Map.entry("ne", NepaliAnalyzer::new),
            Map.entry("nl", DutchAnalyzer::new), Map.entry("no", NorwegianAnalyzer::new),
            Map.entry("pt", PortugueseAnalyzer::new), Map.entry("ro", RomanianAnalyzer::new),
            Map.entry("ru", RussianAnalyzer::new), Map.entry("sr", SerbianAnalyzer::new),
            Map.entry("sv", SwedishAnalyzer::new), Map.entry("ta", TamilAnalyzer::new),
            Map.entry("te", TeluguAnalyzer::new), Map.entry("th", ThaiAnalyzer::new),
            Map.entry("tr", TurkishAnalyzer::new), Map.entry("zh", CJKAnalyzer::new));

    private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
    private final Analyzer neutral = new NeutralAnalyzer(CharArraySet.EMPTY_SET);
    private final Map<String, Analyzer> neutralFor = new ConcurrentHashMap<>();

    /** The languages with an analysis of their own, as ISO 639-1 codes (Sorani: {@code ckb}). */
    public static java.util.Set<String> languages() {
        return BY_LANGUAGE.keySet();
    }

    /**
     * The language a field is named and analysed for: {@code language} when Lucene has an analyzer
     * for it, else {@value #OTHER}.
     */
    public static String key(Optional<String> language) {
        return language.filter(BY_LANGUAGE::containsKey).orElse(OTHER);
    }

    /** The analysis of {@link #key key}; the standard analyzer for {@value #OTHER}. */
    public Analyzer of(String key) {
        return analyzers.computeIfAbsent(key, k -> BY_LANGUAGE.getOrDefault(k, StandardAnalyzer::new).get());
    }

    /** The language-neutral analysis of the text indexed beside each section's own. */
    public Analyzer neutral() {
        return neutral;
    }

    /**
     * The language-neutral analysis of a question in {@code key}'s language: as {@link #neutral()},
     * with that language's stop words left out ("who", "the", "qui", "le").
     */
    public Analyzer neutralQuestion(String key) {
        return neutralFor.computeIfAbsent(key, k -> of(k) instanceof StopwordAnalyzerBase withStops
                ? new NeutralAnalyzer(withStops.getStopwordSet()) : neutral);
    }

    /** Unicode word breaking, CJK width folding, lower case, CJK bigrams, Arabic normalisation, ASCII folding. */
    private static final class NeutralAnalyzer extends Analyzer {
        private final CharArraySet stopWords;

        NeutralAnalyzer(CharArraySet stopWords) {
            this.stopWords = stopWords;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new CJKWidthFilter(source);
            result = new LowerCaseFilter(result);
            if (!stopWords.isEmpty()) {
                result = new StopFilter(result, stopWords);
            }
            result = new CJKBigramFilter(result);
            result = new ArabicNormalizationFilter(result);
            result = new ASCIIFoldingFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
        }
    }
}
