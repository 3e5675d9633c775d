package dev.ponder.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * BM25 over a handful of short texts held in memory (a document's anticipated questions, a section's
 * sentences), with the language-neutral analysis of {@link Analysis}: built per call, which takes about
 * a millisecond for fifty questions.
 */
public final class TextRanking {

    private static final String TEXT = "text";
    private static final String STEMMED = "stemmed";
    private static final String POSITION = "position";
    private static final Analysis ANALYSIS = new Analysis();

    private TextRanking() {
    }

    /**
     * @param query         what is searched for
     * @param queryLanguage its language (ISO 639-1), when known: its stop words are left out
     * @param texts         the texts to rank
     * @return positions in {@code texts} of those sharing a word with the query, best first
     */
    public static List<Integer> rank(String query, Optional<String> queryLanguage, List<String> texts) {
        return rank(query, queryLanguage, texts, false);
    }

    /**
     * As {@link #rank}, also matching words by their stems in the query's language, as the library's
     * index matches a section ({@link Analysis#of}: "tailles" finds "taille", "l'environnement" finds
     * "environnement"); the neutral analysis still matches names, numbers and commands in any language.
     *
     * @return positions in {@code texts} of those sharing a word or a stem with the query, best first
     */
    public static List<Integer> rankWithStems(String query, Optional<String> queryLanguage, List<String> texts) {
        return rank(query, queryLanguage, texts, true);
    }

    private static List<Integer> rank(String query, Optional<String> queryLanguage, List<String> texts, boolean stems) {
        if (texts.isEmpty()) {
            return List.of();
        }
        String key = Analysis.key(queryLanguage);
        Analyzer neutral = ANALYSIS.neutralQuestion(key);
        Analyzer analyzer = stems ? new PerFieldAnalyzerWrapper(neutral, Map.of(STEMMED, ANALYSIS.of(key))) : neutral;
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int clauses = add(should, new QueryBuilder(analyzer).createBooleanQuery(TEXT, query));
        if (stems) {
            clauses += add(should, new QueryBuilder(analyzer).createBooleanQuery(STEMMED, query));
        }
        if (clauses == 0) {
            return List.of();
        }
        Query q = should.build();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < texts.size(); i++) {
                    Document d = new Document();
                    d.add(new TextField(TEXT, texts.get(i), Field.Store.NO));
                    if (stems) {
                        d.add(new TextField(STEMMED, texts.get(i), Field.Store.NO));
                    }
                    d.add(new StoredField(POSITION, i));
                    writer.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                List<Integer> out = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(q, texts.size()).scoreDocs) {
                    out.add(searcher.storedFields().document(hit.doc).getField(POSITION).numericValue().intValue());
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int add(BooleanQuery.Builder builder, Query query) {
        if (query == null) {
            return 0;
        }
        builder.add(query, BooleanClause.Occur.SHOULD);
        return 1;
    }
}
