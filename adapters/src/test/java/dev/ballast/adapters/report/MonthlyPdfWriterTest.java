package dev.ballast.adapters.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.report.MonthlyReport;
import dev.ballast.engine.report.PeriodPerformance;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class MonthlyPdfWriterTest {
  static final String FUND = "楽天・全米株式インデックス・ファンド";

  /** Values 100, 110, 99, 121: TWR 21%, maximum drawdown 10% (1 - 99/110). */
  static MonthlyReport report(int trades) {
    List<MonthlyReport.EquityPoint> equity = List.of(
        new MonthlyReport.EquityPoint(LocalDate.parse("2026-11-01"), new BigDecimal("100")),
        new MonthlyReport.EquityPoint(LocalDate.parse("2026-11-02"), new BigDecimal("110")),
        new MonthlyReport.EquityPoint(LocalDate.parse("2026-11-03"), new BigDecimal("99")),
        new MonthlyReport.EquityPoint(LocalDate.parse("2026-11-04"), new BigDecimal("121")));
    List<MonthlyReport.TradeLine> lines = new ArrayList<>();
    for (int i = 0; i < trades; i++) {
      lines.add(new MonthlyReport.TradeLine(Instant.parse("2026-11-02T01:00:00Z").plusSeconds(i), "rakuten", "tx-" + i, "SELL",
          "JP90C000H1T1", FUND, new BigDecimal("3"), new BigDecimal("2010"), "JPY", new BigDecimal("-50")));
    }
    return new MonthlyReport("main", "Main 本口座", YearMonth.of(2026, 11), "JPY", Instant.parse("2026-12-01T03:04:00Z"), null,
        List.of(new PeriodPerformance("Month", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), 0.21, 0.4567, 1.234, 0.1, null, null),
            new PeriodPerformance("Since inception", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), null, null, null, null, null,
                "the value on 2026-11-03 is not complete")),
        equity,
        List.of(new MonthlyReport.PositionLine("JP90C000H1T1", FUND, new BigDecimal("12.5"), new BigDecimal("121"), 1.0)),
        lines,
        trades == 0 ? List.of() : List.of(new MonthlyReport.NoteLine("rakuten/tx-0", "post", "alice", Instant.parse("2026-11-03T00:00:00Z"),
            "outcome: sold above the plan; lesson: 分割して売る")),
        List.of("no benchmark is set"));
  }

  static byte[] pdf(MonthlyPdfWriter writer, MonthlyReport report) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(report, out);
    return out.toByteArray();
  }

  @Test
  void theTextHoldsTheFiguresTheJapaneseNamesAndPageNumbers() throws Exception {
    MonthlyPdfWriter writer = MonthlyPdfWriter.withInstalledFont();
    assertTrue(MonthlyPdfWriter.FONT_CANDIDATES.stream().anyMatch(Files::isReadable),
        "a font with Japanese glyphs is installed (.ci/run installs fonts-ipafont-gothic)");
    try (PDDocument doc = Loader.loadPDF(pdf(writer, report(1)))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("Monthly report: Main 本口座 (main)"), text);
      assertTrue(text.contains("Month 2026-11"), text);
      assertTrue(text.contains("21.00%"), text);
      assertTrue(text.contains("45.67%"), text);
      assertTrue(text.contains("1.23"), text);
      assertTrue(text.contains("10.00%"), text);
      assertTrue(text.contains("not measured, the value on 2026-11-03 is not complete"), text);
      assertTrue(text.contains(FUND), text);
      assertTrue(text.contains("-50.00 bps"), text);
      assertTrue(text.contains("分割して売る"), text);
      assertTrue(text.contains("Page 1 of " + doc.getNumberOfPages()), text);
      assertTrue(text.contains("made 2026-12-01 03:04 UTC"), text);
      assertTrue(embeddedFonts(doc).stream().anyMatch(f -> f.isEmbedded() && f.getName().contains("IPA")),
          "the Japanese font is embedded: " + embeddedFonts(doc).stream().map(PDFont::getName).toList());
    }
  }

  @Test
  void aRenderedPageIsNotBlank() throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf(MonthlyPdfWriter.withInstalledFont(), report(1)))) {
      BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 60);
      long dark = 0;
      for (int x = 0; x < image.getWidth(); x++) {
        for (int y = 0; y < image.getHeight(); y++) {
          int rgb = image.getRGB(x, y);
          if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600) {
            dark++;
          }
        }
      }
      assertTrue(dark > 2_000, "ink on the page: " + dark + " dark pixels");
    }
  }

  @Test
  void missingDataIsSaidInWords() throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf(MonthlyPdfWriter.withInstalledFont(), report(0)))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("No trades this month."), text);
      assertTrue(text.contains("No annotations on this month's trades."), text);
      assertTrue(text.contains("no benchmark is set"), text);
    }
  }

  @Test
  void withoutAJapaneseFontTheReportSaysSoInsteadOfDrawingSquares() throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf(new MonthlyPdfWriter(Optional.empty()), report(1)))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("Japanese names cannot be shown"), text);
      assertTrue(text.contains(MonthlyPdfWriter.NO_GLYPHS), text);
      assertFalse(text.contains(FUND), text);
      assertTrue(text.contains("21.00%"), text);
    }
  }

  @Test
  void manyTradesFlowOntoMorePagesEachNumbered() throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf(MonthlyPdfWriter.withInstalledFont(), report(200)))) {
      int pages = doc.getNumberOfPages();
      assertTrue(pages > 2, "pages: " + pages);
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("Page " + pages + " of " + pages), text);
      assertEquals(200, text.split("-50.00 bps", -1).length - 1);
    }
  }

  static List<PDFont> embeddedFonts(PDDocument doc) throws Exception {
    List<PDFont> out = new ArrayList<>();
    for (PDPage page : doc.getPages()) {
      for (COSName name : page.getResources().getFontNames()) {
        out.add(page.getResources().getFont(name));
      }
    }
    return out;
  }
}
