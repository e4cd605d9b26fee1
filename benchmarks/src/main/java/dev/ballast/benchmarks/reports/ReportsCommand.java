package dev.ballast.benchmarks.reports;

import dev.ballast.adapters.report.ExportFormat;
import dev.ballast.adapters.report.ExportWriter;
import dev.ballast.adapters.report.MonthlyPdfWriter;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.report.ExportTables;
import dev.ballast.engine.report.MonthlyReport;
import dev.ballast.engine.report.PeriodPerformance;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ballast bench reports}: the monthly PDF of a portfolio with N positions and M trades in
 * the month, and an Excel export of K transactions, each timed with the peak heap it reached.
 * The export's rows are made as they are written, as the server's export does from its ledger rows.
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
    description = "Monthly PDF (default 1,000 positions, 10,000 trades; target < 2 s) and an Excel export of 1M transactions"
        + " (target < 10 s, heap < 512 MB: run with -Xmx512m to hold it to that).")
public final class ReportsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--positions", defaultValue = "1000") int positions;
  @Option(names = "--trades", defaultValue = "10000") int trades;
  @Option(names = "--transactions", defaultValue = "1000000") int transactions;
  @Option(names = "--runs", defaultValue = "3", description = "timed runs of the PDF after one warm-up") int runs;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, Java %s, load %.2f%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    MonthlyReport report = report(new Random(seed));
    MonthlyPdfWriter writer = MonthlyPdfWriter.withInstalledFont();
    Path dir = Files.createTempDirectory("ballast-bench-reports");
    Path pdf = dir.resolve("monthly.pdf");
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    write(writer, report, pdf); // warm-up, and the first report of a process (the font parsed)
    out.printf("monthly PDF, first of the process: %.3f s (CPU %.3f s)%n", (System.nanoTime() - w0) / 1e9,
        (threads.getCurrentThreadCpuTime() - c0) / 1e9);
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      write(writer, report, pdf);
      best = Math.min(best, System.nanoTime() - t0);
      bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - cpu);
    }
    out.printf("monthly PDF: %d positions, %d trades: best of %d %.3f s (CPU %.3f s), %d KiB, font %s%n", positions, trades, runs,
        best / 1e9, bestCpu / 1e9, Files.size(pdf) >> 10,
        MonthlyPdfWriter.FONT_CANDIDATES.stream().filter(Files::isReadable).findFirst().map(Path::toString)
            .orElse("none (Japanese names replaced by a notice)"));
    long ceiling = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      plainPdf(positions + trades, pdf);
      ceiling = Math.min(ceiling, System.nanoTime() - t0);
    }
    out.printf("  ceiling: the same %d table rows as one Helvetica text line each, raw PDFBox in a plain loop: %.3f s%n",
        positions + trades, ceiling / 1e9);

    List<ExportTables.Recorded> recorded = lazyTransactions(transactions);
    Path xlsx = dir.resolve("transactions.xlsx");
    System.gc();
    resetPeaks();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(xlsx), 1 << 16)) {
      ExportWriter.write(ExportTables.transactions(recorded), ExportFormat.XLSX, o);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf("Excel export: %d transactions in %.2f s (CPU %.2f s, %.0f rows/s), %d MiB file, peak heap %d MiB%n", transactions,
        seconds, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, transactions / seconds, Files.size(xlsx) >> 20, peakHeap() >> 20);
    cpu0 = threads.getCurrentThreadCpuTime();
    t0 = System.nanoTime();
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(xlsx), 1 << 16)) {
      plainXlsx(transactions, o);
    }
    out.printf("  ceiling: raw FastExcel, the same 20 columns of constant cells in a plain loop: %.2f s (CPU %.2f s), %d MiB%n",
        (System.nanoTime() - t0) / 1e9, (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, Files.size(xlsx) >> 20);
    Files.deleteIfExists(xlsx);
    Files.deleteIfExists(pdf);
    Files.deleteIfExists(dir);
    out.flush();
    return 0;
  }

  /** The ceiling of the PDF: every row as one line of Helvetica, no layout, no chart, no font. */
  private static void plainPdf(int rows, Path file) throws Exception {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
      org.apache.pdfbox.pdmodel.PDPageContentStream c = null;
      float y = 0;
      for (int i = 0; i < rows; i++) {
        if (c == null || y < 70) {
          if (c != null) {
            c.close();
          }
          var page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
          doc.addPage(page);
          c = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page);
          y = 790;
        }
        y -= 14;
        c.beginText();
        c.setFont(font, 8);
        c.newLineAtOffset(50, y);
        c.showText("2026-11-01 00:00  BUY  ASSET" + i + "  Asset " + i + "  42  123.45 JPY  -3.21 bps");
        c.endText();
      }
      if (c != null) {
        c.close();
      }
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
        doc.save(o);
      }
    }
  }

  /** The ceiling of the export: FastExcel alone, as fast as it is set up here, writing cells of the same kinds. */
  private static void plainXlsx(int rows, OutputStream out) throws Exception {
    org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Ballast", "1.0");
    wb.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
    org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("transactions");
    BigDecimal q = new BigDecimal("0.005");
    BigDecimal p = new BigDecimal("10012345");
    BigDecimal fee = new BigDecimal("15");
    for (int r = 1; r <= rows; r++) {
      ws.inlineString(r, 0, "acc3");
      ws.inlineString(r, 1, "tx-" + r);
      ws.inlineString(r, 2, "BUY");
      ws.inlineString(r, 3, "2020-01-01T00:00:00Z");
      ws.inlineString(r, 4, "BTC");
      ws.value(r, 5, q);
      ws.value(r, 6, p);
      ws.inlineString(r, 7, "JPY");
      ws.value(r, 10, fee);
      ws.inlineString(r, 11, "JPY");
      ws.inlineString(r, 17, "bench");
      ws.inlineString(r, 18, "e-" + r);
      if (r % 10_000 == 0) {
        ws.flush();
      }
    }
    wb.finish();
  }

  private static void write(MonthlyPdfWriter writer, MonthlyReport report, Path file) throws Exception {
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
      writer.write(report, o);
    }
  }

  private MonthlyReport report(Random random) {
    YearMonth month = YearMonth.of(2026, 11);
    List<MonthlyReport.EquityPoint> equity = new ArrayList<>();
    BigDecimal value = new BigDecimal("100000000");
    for (LocalDate d = LocalDate.of(2024, 1, 1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
      value = value.multiply(BigDecimal.valueOf(1 + (random.nextGaussian() * 0.01))).setScale(0, java.math.RoundingMode.HALF_UP);
      equity.add(new MonthlyReport.EquityPoint(d, value));
    }
    List<MonthlyReport.PositionLine> lines = new ArrayList<>();
    for (int i = 0; i < positions; i++) {
      lines.add(new MonthlyReport.PositionLine("ASSET" + i, i % 3 == 0 ? "楽天・全米株式インデックス・ファンド " + i : "Asset " + i,
          BigDecimal.valueOf(random.nextInt(10_000) + 1), BigDecimal.valueOf(random.nextInt(1_000_000)), 1.0 / positions));
    }
    List<MonthlyReport.TradeLine> tradeLines = new ArrayList<>();
    Instant start = month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    for (int i = 0; i < trades; i++) {
      tradeLines.add(new MonthlyReport.TradeLine(start.plusSeconds(i * 200L), "acc" + (i % 10), "tx-" + i, i % 2 == 0 ? "BUY" : "SELL",
          "ASSET" + (i % positions), "Asset " + (i % positions), BigDecimal.valueOf(random.nextInt(100) + 1),
          BigDecimal.valueOf(random.nextInt(100_000) + 1, 2), "JPY", BigDecimal.valueOf(random.nextInt(4000) - 2000, 2)));
    }
    List<PeriodPerformance> perf = List.of(
        new PeriodPerformance("Month", month.atDay(1), month.atEndOfMonth(), 0.012, 0.15, 0.9, 0.04, null, null),
        new PeriodPerformance("Year to date", LocalDate.of(2026, 1, 1), month.atEndOfMonth(), 0.08, 0.16, 0.7, 0.11, null, null),
        new PeriodPerformance("Since inception", LocalDate.of(2024, 1, 1), month.atEndOfMonth(), 0.21, 0.17, 0.6, 0.19, null, null));
    return new MonthlyReport("bench", "Benchmark portfolio", month, "JPY", Instant.now(), null, perf, equity, lines, tradeLines,
        List.of(), List.of());
  }

  /** Transactions made on demand, so the workload holds no more of them than the writer does. */
  private static List<ExportTables.Recorded> lazyTransactions(int n) {
    Instant start = Instant.parse("2020-01-01T00:00:00Z");
    return new AbstractList<>() {
      @Override
      public ExportTables.Recorded get(int i) {
        Transaction tx = Transaction.builder(i % 2 == 0 ? TransactionType.BUY : TransactionType.SELL).at(start.plusSeconds(i * 60L))
            .asset("BTC").quantity("0.00" + (1 + i % 9)).price(Integer.toString(10_000_000 + i % 100_000), "JPY").fee("15", "JPY")
            .ref("bench", "e-" + i).build();
        return new ExportTables.Recorded("acc" + (i % 10), "tx-" + i, tx);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
