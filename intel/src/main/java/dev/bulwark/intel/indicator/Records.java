package dev.bulwark.intel.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns the files of a folder into records of extracted values, the unit an observation expression
 * is judged on: each file itself (its MD5, SHA-1 and SHA-256, so an attachment or sample saved to
 * disk is found by hash), each line of a text log (Zeek logs written by {@code bulwark net}, JSON
 * lines, syslog …), each finding of a Bulwark JSON report (scan, logs hunt, mail check) and each
 * message of a mail indicators file ({@code mail check --indicators}). Binary files other than
 * those — packet captures among them — are matched by their hashes only; their contents are reached
 * through the reports and Zeek logs Bulwark writes from them.
 */
public final class Records {
  /** One unit of data: where it is, and the values in it. */
  public record Record(String source, String locator, Set<Observable> values) {
    public Record {
      values = Set.copyOf(values);
    }
  }

  /** Receives records one at a time, so folders of any size pass in bounded memory. */
  @FunctionalInterface
  public interface Sink {
    void accept(Record r);
  }

  /** Longest line read as one record; a longer one is cut (its tail is not searched). */
  static final int MAX_LINE = 1 << 20;

  /** Largest JSON document parsed whole (a Bulwark report); bigger JSON is read line by line. */
  static final long MAX_JSON = 256L << 20;

  private Records() {}

  /** Reads every regular file under {@code paths} (folders walked, links not followed). */
  public static void read(List<Path> paths, Sink sink, Consumer<String> problems)
      throws InputException {
    Extractor ex = Extractor.forMatching();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        throw new InputException(root + ": no such file or folder");
      }
      List<Path> files = new ArrayList<>();
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new InputException(root + ": cannot list: " + e.getMessage(), e);
        }
      } else {
        files.add(root);
      }
      for (Path f : files) {
        String name = Files.isDirectory(root) ? root.relativize(f).toString() : f.toString();
        try {
          file(f, name, ex, sink);
        } catch (IOException e) {
          problems.accept(name + ": cannot read: " + e.getMessage());
        }
      }
    }
  }

  private static void file(Path f, String name, Extractor ex, Sink sink) throws IOException {
    sink.accept(new Record(name, "file", hashes(f)));
    if (!text(f)) {
      return;
    }
    if (f.getFileName().toString().endsWith(".json") && Files.size(f) <= MAX_JSON) {
      JsonNode doc;
      try {
        doc = StixBundleReader.mapper().readTree(f.toFile());
      } catch (IOException notOneDocument) {
        doc = null;
      }
      if (doc != null && doc.path("findings").isArray()) {
        int i = 0;
        for (JsonNode finding : doc.path("findings")) {
          sink.accept(
              new Record(
                  name,
                  "finding " + i++ + " " + finding.path("ruleId").asText(""),
                  ex.extract(finding.toString())));
        }
        return;
      }
      if (doc != null && "bulwark-mail-indicators-1".equals(doc.path("format").asText())) {
        for (JsonNode msg : doc.path("messages")) {
          sink.accept(
              new Record(
                  msg.path("source").asText(name),
                  "message " + msg.path("index").asInt(),
                  mailIndicators(msg)));
        }
        return;
      }
    }
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8), 1 << 16)) {
      int lineNo = 0;
      StringBuilder line = new StringBuilder();
      int c;
      // read by character so that one enormous line costs at most MAX_LINE of memory
      while ((c = r.read()) >= 0) {
        if (c == '\n') {
          lineNo++;
          emitLine(name, lineNo, line, ex, sink);
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append((char) c);
        }
      }
      if (!line.isEmpty()) {
        emitLine(name, lineNo + 1, line, ex, sink);
      }
    }
  }

  private static void emitLine(
      String name, int lineNo, StringBuilder line, Extractor ex, Sink sink) {
    Set<Observable> v = ex.extract(line.toString());
    if (!v.isEmpty()) {
      sink.accept(new Record(name, "line " + lineNo, v));
    }
  }

  /** The values of one message of {@code mail check --indicators}, by the kind each field holds. */
  private static Set<Observable> mailIndicators(JsonNode msg) {
    Set<Observable> out = new LinkedHashSet<>();
    msg.path("urls").forEach(u -> out.add(new Observable(Observable.Kind.URL, u.asText())));
    msg.path("hosts").forEach(h -> out.add(new Observable(Observable.Kind.DOMAIN, h.asText())));
    for (JsonNode ip : msg.path("ips")) {
      out.add(
          new Observable(
              ip.asText().contains(":") ? Observable.Kind.IPV6 : Observable.Kind.IPV4,
              ip.asText()));
    }
    msg.path("emails").forEach(e -> out.add(new Observable(Observable.Kind.EMAIL, e.asText())));
    for (JsonNode file : msg.path("files")) {
      if (!file.path("sha256").asText().isEmpty()) {
        out.add(new Observable(Observable.Kind.SHA256, file.path("sha256").asText()));
      }
    }
    return out;
  }

  /** A file with a NUL byte in its first 8 KB is binary (the heuristic git and grep use). */
  private static boolean text(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] head = in.readNBytes(8192);
      for (byte b : head) {
        if (b == 0) {
          return false;
        }
      }
      return true;
    }
  }

  private static Set<Observable> hashes(Path f) throws IOException {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      try (InputStream in =
          new DigestInputStream(
              new DigestInputStream(new DigestInputStream(Files.newInputStream(f), md5), sha1),
              sha256)) {
        while (in.read(buf) >= 0) {
          // the digests read as the bytes pass
        }
      }
      HexFormat hex = HexFormat.of();
      Set<Observable> out = new LinkedHashSet<>();
      out.add(new Observable(Observable.Kind.MD5, hex.formatHex(md5.digest())));
      out.add(new Observable(Observable.Kind.SHA1, hex.formatHex(sha1.digest())));
      out.add(new Observable(Observable.Kind.SHA256, hex.formatHex(sha256.digest())));
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5, SHA-1 and SHA-256 are part of every JDK", e);
    }
  }
}
