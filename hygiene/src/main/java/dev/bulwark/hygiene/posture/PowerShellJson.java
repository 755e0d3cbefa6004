package dev.bulwark.hygiene.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what {@code ... | ConvertTo-Json} wrote on a Windows machine, as it comes: UTF-16 with a
 * byte-order mark when redirected with {@code >} in Windows PowerShell 5.1, UTF-8 (with or without
 * a mark) from PowerShell 7 or {@code Out-File -Encoding utf8}; one object when the command output
 * one, an array when it output several, nothing at all when it output none; enumerations as numbers
 * (5.1, 7 by default) or as names ({@code -EnumsAsStrings}).
 */
final class PowerShellJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PowerShellJson() {}

  /** What a collected file holds. */
  sealed interface Collected {
    /** The file is not there: the collection did not run this command. */
    record Missing(String file) implements Collected {}

    /** The file is there but is not JSON. */
    record Unreadable(String file, String why) implements Collected {}

    /** The objects the command output (none when it output nothing). */
    record Items(String file, List<JsonNode> items) implements Collected {}
  }

  static Collected read(SystemRoot root, String file) {
    Optional<byte[]> bytes = root.bytes(root.path("/" + file));
    if (bytes.isEmpty()) {
      return new Collected.Missing(file);
    }
    String text = decode(bytes.get()).strip();
    if (text.isEmpty()) {
      return new Collected.Items(file, List.of());
    }
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      return new Collected.Unreadable(file, "not the JSON ConvertTo-Json writes");
    }
    List<JsonNode> items = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(items::add);
    } else if (n.isObject()) {
      items.add(n);
    } else {
      return new Collected.Unreadable(file, "expected an object or a list of objects");
    }
    return new Collected.Items(file, items);
  }

  static String decode(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
      return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
      return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    }
    // UTF-16 without a mark: JSON starts with an ASCII character, so one of the first two bytes is
    // 0
    Charset cs = StandardCharsets.UTF_8;
    if (b.length >= 2 && b[1] == 0 && b[0] != 0) {
      cs = StandardCharsets.UTF_16LE;
    } else if (b.length >= 2 && b[0] == 0 && b[1] != 0) {
      cs = StandardCharsets.UTF_16BE;
    }
    return new String(b, cs);
  }

  /** A property as an enumeration's name: numbers looked up in {@code names}, names kept. */
  static String name(JsonNode item, String field, String... names) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isIntegralNumber()) {
      int i = v.asInt();
      return i >= 0 && i < names.length && !names[i].isEmpty() ? names[i] : Integer.toString(i);
    }
    return v.asText();
  }

  /** A property that is true: JSON true, 1, "1", "True" or "On". */
  static boolean isTrue(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isNumber()) {
      return v.asInt() == 1;
    }
    String t = v.asText().strip().toLowerCase(Locale.ROOT);
    return t.equals("1") || t.equals("true") || t.equals("on");
  }

  /** A whole-number property, also when the registry gave it as text; empty when absent. */
  static Optional<Long> number(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      return Optional.of(v.asLong());
    }
    try {
      return Optional.of(Long.parseLong(v.asText().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
