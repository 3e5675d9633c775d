package dev.ponder.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's two plots as PNG, through JFreeChart (headless). */
final class BenchCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    static {
        // ImageIO's file cache registers deleteOnExit, which throws once the JVM is shutting down:
        // the summary written on Ctrl-C would lose its plots
        javax.imageio.ImageIO.setUseCache(false);
    }

    private BenchCharts() {
    }

    /** Accuracy (%) against mean test-time tokens per query, one line per condition (Lin et al. 2025, Fig. 3). */
    static void accuracyVsTestTimeTokens(List<ConditionSummary> summaries, Path png) throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (ConditionSummary s : summaries) {
            series.computeIfAbsent(s.condition(), c -> new XYSeries(c, false, true))
                    .add(s.testTimeTokens(), 100 * s.accuracy());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        save(ChartFactory.createXYLineChart("Accuracy vs test-time tokens", "Test-time tokens per query (measured)",
                "Accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false), png);
    }

    /** Cost per query against queries per context, sleep-time per k and the reference baseline (§6, Fig. 9). */
    static void costPerQuery(List<Amortization.Point> points, String baselineLabel, double weight, Path png)
            throws IOException {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        XYSeries baseline = new XYSeries(baselineLabel, false, false);
        for (Amortization.Point p : points) {
            series.computeIfAbsent("sleep-time k=" + p.sleepSetting(), c -> new XYSeries(c, false, true))
                    .add(p.queries(), p.withSleepTime());
            baseline.addOrUpdate(p.queries(), p.withoutSleepTime());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        if (!points.isEmpty()) {
            data.addSeries(baseline);
        }
        save(ChartFactory.createXYLineChart("Cost per query vs queries per context (w = " + format(weight) + ")",
                "Queries per context (N)", "Cost per query (tokens, test-time weighted by w)", data,
                PlotOrientation.VERTICAL, true, false, false), png);
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    static String format(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }
}
