package dev.bulwark.net.proto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** The MIME type of a body from its first bytes, as Zeek's file analysis reports it. */
public final class Mime {
  private Mime() {}

  public static String sniff(byte[] h) {
    if (h.length == 0) {
      return null;
    }
    if (starts(h, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (starts(h, 0xff, 0xd8, 0xff)) {
      return "image/jpeg";
    }
    if (starts(h, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(h, '%', 'P', 'D', 'F')) {
      return "application/pdf";
    }
    if (starts(h, 'P', 'K', 3, 4)) {
      return "application/zip";
    }
    if (starts(h, 'M', 'Z')) {
      return "application/x-dosexec";
    }
    if (starts(h, 0x1f, 0x8b)) {
      return "application/x-gzip";
    }
    if (starts(h, 0x7f, 'E', 'L', 'F')) {
      return "application/x-executable";
    }
    String raw = new String(h, StandardCharsets.ISO_8859_1);
    if (javascript(raw)) {
      return "application/javascript";
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("<!doctype html")
        || s.startsWith("<html")
        || s.startsWith("<head")
        || s.startsWith("<body")
        || s.startsWith("<title")
        || s.startsWith("<script")
        || s.startsWith("<!--") && s.contains("<html")) {
      return "text/html";
    }
    if (s.startsWith("<?xml")) {
      return "application/xml";
    }
    if ((s.startsWith("{")
        && s.length() > 1
        && (s.charAt(1) == '"' || Character.isWhitespace(s.charAt(1))))) {
      return "text/json";
    }
    int printable = 0;
    for (byte x : h) {
      int c = x & 0xff;
      if (c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' || c >= 0x80) {
        printable++;
      }
    }
    return printable == h.length ? "text/plain" : null;
  }

  private static final Pattern SHEBANG_NODE =
      Pattern.compile("^#![^\\n]{1,15}bin/(env\\s+)?node(js)?");
  private static final Pattern SCRIPT_TYPE =
      Pattern.compile(
          "^[\\r\\n \\t]*<script[ \\t]+(type|language)=['\"]?(text/)?javascript",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern IDIOMS =
      Pattern.compile(
          "^[\\r\\n \\t]*(for \\(;;\\);"
              + "|document\\.write(ln)?[:blank]?\\("
              + "|<script>[\\r\\n \\t]*(var|function) )");
  private static final Pattern IIFE = Pattern.compile("^\\(function\\(\\)[ \\t\\n]*\\{");

  /**
   * JavaScript as Zeek's file signatures recognise it, ranked above plain text and HTML: a node
   * shebang, a {@code <script type=javascript>} tag (any case), or, case-sensitive, {@code for
   * (;;);}, {@code document.write(}, {@code <script>} opening with var or function, or a body that
   * opens with {@code (function()} and a brace after blanks or newlines (not carriage returns).
   */
  static boolean javascript(String s) {
    return SHEBANG_NODE.matcher(s).find()
        || SCRIPT_TYPE.matcher(s).find()
        || IDIOMS.matcher(s).find()
        || IIFE.matcher(s).find();
  }

  private static boolean starts(byte[] h, int... m) {
    if (h.length < m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if ((h[i] & 0xff) != (m[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
