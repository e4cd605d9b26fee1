package dev.ballast.adapters.report;

import java.util.Locale;

/** The file formats an export is written in: CSV in UTF-8, CSV in CP932 for Excel in Japan, or Excel. */
public enum ExportFormat {
  CSV("text/csv; charset=UTF-8", "csv"),
  CSV_CP932("text/csv; charset=windows-31j", "csv"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final String contentType;
  private final String extension;

  ExportFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /**
   * {@code csv} or {@code xlsx}, and for CSV the charset {@code utf-8} (default) or {@code cp932}.
   *
   * @throws IllegalArgumentException naming the field (format or charset) otherwise
   */
  public static ExportFormat parse(String format, String charset) {
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    String c = charset == null || charset.isBlank() ? "utf-8" : charset.trim().toLowerCase(Locale.ROOT);
    if (!c.equals("utf-8") && !c.equals("utf8") && !c.equals("cp932") && !c.equals("windows-31j") && !c.equals("shift_jis")) {
      throw new IllegalArgumentException("charset: expected utf-8 or cp932, got \"" + charset + "\"");
    }
    boolean cp932 = !c.startsWith("utf");
    return switch (f) {
      case "csv" -> cp932 ? CSV_CP932 : CSV;
      case "xlsx" -> {
        if (cp932) {
          throw new IllegalArgumentException("charset: only a CSV export takes a charset; an Excel file is always Unicode");
        }
        yield XLSX;
      }
      default -> throw new IllegalArgumentException("format: expected csv or xlsx, got \"" + (format == null ? "" : format) + "\"");
    };
  }
}
