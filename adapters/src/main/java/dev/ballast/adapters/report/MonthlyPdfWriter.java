package dev.ballast.adapters.report;

import dev.ballast.engine.report.MonthlyReport;
import dev.ballast.engine.report.PeriodPerformance;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lays out a {@link MonthlyReport} as a PDF (PDFBox, the equity curve drawn by XChart): header,
 * performance table, chart, positions, trades with slippage, annotations, page numbers and the
 * time it was made. Japanese text needs a font with its glyphs: the first of {@link #FONT_CANDIDATES}
 * that exists is embedded (subset); without one, such text is replaced by a note saying so.
 */
public final class MonthlyPdfWriter {
  /** Fonts with Japanese glyphs, as Debian's fonts-ipafont-gothic and fonts-noto-cjk install them. */
  public static final List<Path> FONT_CANDIDATES = List.of(
      Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
      Path.of("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
      Path.of("/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf"));

  /** What replaces text the font cannot draw, instead of empty squares. */
  public static final String NO_GLYPHS = "[name not shown: no font with its glyphs on this server]";

  private static final float MARGIN = 50;
  private static final float LINE = 14;
  private static final DateTimeFormatter MADE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Optional<Path> font;

  public MonthlyPdfWriter(Optional<Path> font) {
    this.font = font;
  }

  /** With the first candidate font present on this machine, if any. */
  public static MonthlyPdfWriter withInstalledFont() {
    return new MonthlyPdfWriter(FONT_CANDIDATES.stream().filter(Files::isReadable).findFirst());
  }

  /**
   * Parsed fonts, kept for the life of the process: parsing a 6 MB TrueType file is a large part of
   * one report. A parsed font is not safe to read from two threads, so reports that use one are
   * made one at a time ({@link #FONT_LOCK}); they take a fraction of a second each.
   */
  private static final java.util.Map<Path, TrueTypeFont> PARSED = new java.util.HashMap<>();

  private static final Object FONT_LOCK = new Object();

  public void write(MonthlyReport report, OutputStream out) throws IOException {
    if (font.isEmpty()) {
      write(report, out, null);
      return;
    }
    synchronized (FONT_LOCK) {
      TrueTypeFont ttf = PARSED.get(font.get());
      if (ttf == null) {
        ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(font.get().toFile()));
        // no glyph substitution: horizontal Japanese needs none, and it costs ten times the rest of a line
        ttf.setEnableGsub(false);
        PARSED.put(font.get(), ttf);
      }
      write(report, out, ttf);
    }
  }

  private void write(MonthlyReport report, OutputStream out, TrueTypeFont ttf) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      Layout l = new Layout(doc, ttf == null ? null : PDType0Font.load(doc, ttf, true));
      l.title("Monthly report: " + report.portfolioName() + " (" + report.portfolioId() + ")", 16);
      l.text("Month " + report.month() + "   currency " + report.currency()
          + (report.benchmark() == null ? "   no benchmark set" : "   benchmark " + report.benchmark()), 10);
      if (l.unicode == null) {
        l.text("Japanese names cannot be shown: no font with Japanese glyphs is installed on the server (fonts-ipafont-gothic).", 9);
      }
      l.gap();
      l.title("Performance", 12);
      l.row(new String[] {"Period", "From", "To", "Return", "Volatility", "Sharpe", "Max drawdown", "Benchmark"},
          new float[] {0, 80, 150, 220, 280, 345, 395, 470}, 9);
      for (PeriodPerformance p : report.performance()) {
        l.row(new String[] {p.period(), p.from().toString(), p.to().toString(), pct(p.timeWeightedReturn()), pct(p.volatility()),
            num(p.sharpe()), pct(p.maxDrawdown()), report.benchmark() == null ? "-" : pct(p.benchmarkReturn())},
            new float[] {0, 80, 150, 220, 280, 345, 395, 470}, 9);
        if (p.missing() != null) {
          l.text("  " + p.period() + ": not measured, " + p.missing(), 8);
        }
      }
      l.gap();
      l.title("Equity curve", 12);
      if (report.equity().size() < 2) {
        l.text("No equity curve: fewer than two valued days in the history.", 10);
      } else {
        l.image(chart(report), 495, 220);
      }
      l.gap();
      l.title("Positions at the end of the month", 12);
      float[] pc = {0, 70, 270, 360, 450};
      if (report.positions().isEmpty()) {
        l.text("No positions at the end of the month.", 10);
      } else {
        l.row(new String[] {"Asset", "Name", "Quantity", "Value", "Weight"}, pc, 9);
        for (MonthlyReport.PositionLine p : report.positions()) {
          l.row(new String[] {p.asset(), p.name() == null ? "" : p.name(), plain(p.quantity()), money(p.value()), pct(p.weight())}, pc, 9);
        }
      }
      l.gap();
      l.title("Trades of the month", 12);
      float[] tc = {0, 95, 135, 175, 295, 365, 445};
      if (report.trades().isEmpty()) {
        l.text("No trades this month.", 10);
      } else {
        l.row(new String[] {"Time (UTC)", "Type", "Asset", "Name", "Quantity", "Price", "Slippage"}, tc, 9);
        for (MonthlyReport.TradeLine t : report.trades()) {
          l.row(new String[] {MADE.format(t.time()).replace(" UTC", ""), t.type(), t.asset(), t.name() == null ? "" : t.name(),
              plain(t.quantity()), t.price() == null ? "" : plain(t.price()) + " " + t.priceCurrency(),
              t.slippageBps() == null ? "n/a" : t.slippageBps().setScale(2, RoundingMode.HALF_UP).toPlainString() + " bps"}, tc, 8);
        }
      }
      l.gap();
      l.title("Commentary", 12);
      if (report.annotations().isEmpty()) {
        l.text("No annotations on this month's trades.", 10);
      } else {
        for (MonthlyReport.NoteLine n : report.annotations()) {
          l.text(n.trade() + " (" + n.phase() + ", " + n.by() + ", " + MADE.format(n.at()) + ")", 9);
          l.wrapped("  " + n.text(), 9);
        }
      }
      if (!report.notices().isEmpty()) {
        l.gap();
        l.title("Missing data", 12);
        for (String notice : report.notices()) {
          l.wrapped(notice, 9);
        }
      }
      l.close();
      l.footers("made " + MADE.format(report.generatedAt()));
      doc.getDocumentInformation().setTitle("Ballast monthly report " + report.portfolioId() + " " + report.month());
      doc.save(out);
    }
  }

  private static BufferedImage chart(MonthlyReport report) {
    XYChart chart = new XYChartBuilder().width(990).height(440).title("Value in " + report.currency()).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setDatePattern("yyyy-MM-dd");
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (MonthlyReport.EquityPoint p : report.equity()) {
      if (p.value() != null) {
        x.add(Date.from(p.date().atStartOfDay(ZoneOffset.UTC).toInstant()));
        y.add(p.value().doubleValue()); // a picture: doubles are fine once values leave the ledger
      }
    }
    chart.addSeries("value", x, y).setMarker(SeriesMarkers.NONE);
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * The image as 8-bit RGB, deflated at the fastest level: a chart is mostly flat colour, which
   * compresses well without PNG predictors (LosslessFactory tries five filters per row, and that was
   * most of the time of a report). Lossless.
   */
  static PDImageXObject rgb(PDDocument doc, BufferedImage image) throws IOException {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] raw = new byte[w * h * 3];
    for (int i = 0, j = 0; i < argb.length; i++) {
      int p = argb[i];
      raw[j++] = (byte) (p >> 16);
      raw[j++] = (byte) (p >> 8);
      raw[j++] = (byte) p;
    }
    java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream(raw.length / 8);
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED);
    try (var z = new java.util.zip.DeflaterOutputStream(deflated, deflater, 1 << 16)) {
      z.write(raw);
    } finally {
      deflater.end();
    }
    return new PDImageXObject(doc, new java.io.ByteArrayInputStream(deflated.toByteArray()),
        org.apache.pdfbox.cos.COSName.FLATE_DECODE, w, h, 8, org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB.INSTANCE);
  }

  static String pct(Double v) {
    return v == null ? "n/a" : BigDecimal.valueOf(v * 100).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  static String num(Double v) {
    return v == null ? "n/a" : BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String money(BigDecimal v) {
    return v == null ? "n/a" : v.setScale(Math.max(0, Math.min(2, v.stripTrailingZeros().scale())), RoundingMode.HALF_UP).toPlainString();
  }

  static String plain(BigDecimal v) {
    return v == null ? "" : v.stripTrailingZeros().toPlainString();
  }

  /** A cursor down the pages: a new page when the next line does not fit. */
  private static final class Layout {
    private final PDDocument doc;
    private final PDFont unicode;
    private final PDFont latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream content;
    private float y;

    Layout(PDDocument doc, PDFont unicode) throws IOException {
      this.doc = doc;
      this.unicode = unicode;
      newPage();
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      content = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void room(float height) throws IOException {
      if (y - height < MARGIN + 20) {
        newPage();
      }
    }

    /** The text as this font can draw it: with no Unicode font, what WinAnsi lacks is said, not drawn as squares. */
    private String drawable(String s, PDFont f) {
      if (f != latin && f != bold) {
        try {
          f.encode(s);
          return s;
        } catch (IOException | IllegalArgumentException e) {
          StringBuilder kept = new StringBuilder();
          boolean lost = false;
          for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String one = new String(Character.toChars(cp));
            try {
              f.encode(one);
              kept.append(one);
            } catch (IOException | IllegalArgumentException missing) {
              lost = true;
            }
            i += Character.charCount(cp);
          }
          return lost ? kept + " [some characters have no glyph in the font]" : kept.toString();
        }
      }
      StringBuilder out = new StringBuilder();
      boolean dropped = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c > 0xFF) {
          dropped = true;
        } else {
          out.append(c);
        }
      }
      return dropped ? out.toString().strip() + (out.toString().isBlank() ? "" : " ") + NO_GLYPHS : out.toString();
    }

    private static boolean latin1(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c > 0xFF) {
          return false;
        }
      }
      return true;
    }

    private PDFont font(boolean strong) {
      return unicode != null ? unicode : strong ? bold : latin;
    }

    private void show(String s, float x, float size, boolean strong) throws IOException {
      // Latin text in Helvetica: the embedded font's glyph substitution (GSUB) costs about ten times as much per line
      PDFont f = latin1(s) ? (strong ? bold : latin) : font(strong);
      content.beginText();
      content.setFont(f, size);
      content.newLineAtOffset(MARGIN + x, y);
      content.showText(drawable(s, f));
      content.endText();
    }

    void title(String s, float size) throws IOException {
      room(size + 6);
      y -= size + 4;
      show(s, 0, size, true);
      y -= 4;
    }

    void text(String s, float size) throws IOException {
      room(LINE);
      y -= LINE;
      show(s, 0, size, false);
    }

    void wrapped(String s, float size) throws IOException {
      int width = (int) (495 / (size * 0.55));
      for (int i = 0; i < s.length(); i += width) {
        text(s.substring(i, Math.min(s.length(), i + width)), size);
      }
    }

    void row(String[] cells, float[] xs, float size) throws IOException {
      room(LINE);
      y -= LINE;
      for (int i = 0; i < cells.length; i++) {
        show(cells[i], xs[i], size, false);
      }
    }

    void gap() {
      y -= LINE / 2;
    }

    void image(BufferedImage image, float width, float height) throws IOException {
      room(height + 4);
      PDImageXObject pdImage = rgb(doc, image);
      y -= height;
      content.drawImage(pdImage, MARGIN, y, width, height);
    }

    void close() throws IOException {
      content.close();
    }

    void footers(String made) throws IOException {
      int n = doc.getNumberOfPages();
      for (int i = 0; i < n; i++) {
        PDPage page = doc.getPage(i);
        try (PDPageContentStream c = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
          c.beginText();
          c.setFont(latin, 8);
          c.newLineAtOffset(MARGIN, MARGIN - 20);
          c.showText("Page " + (i + 1) + " of " + n + "   " + made + "   Ballast");
          c.endText();
        }
      }
    }
  }
}
