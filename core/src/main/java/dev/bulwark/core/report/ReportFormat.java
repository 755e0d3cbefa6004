package dev.bulwark.core.report;

import java.util.Locale;

/** The formats a scan can be written in. */
public enum ReportFormat {
  TERMINAL("txt"),
  JSON("json"),
  SARIF("sarif"),
  MARKDOWN("md"),
  HTML("html");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public ReportWriter writer(RenderOptions options) {
    return switch (this) {
      case TERMINAL -> new TerminalReportWriter(options);
      case JSON -> new JsonReportWriter();
      case SARIF -> new SarifReportWriter();
      case MARKDOWN -> new MarkdownReportWriter();
      case HTML -> new HtmlReportWriter();
    };
  }

  public static ReportFormat parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "terminal", "text", "txt", "summary" -> TERMINAL;
      case "json" -> JSON;
      case "sarif" -> SARIF;
      case "markdown", "md" -> MARKDOWN;
      case "html" -> HTML;
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + text + "' (expected terminal, json, sarif, markdown or html)");
    };
  }
}
