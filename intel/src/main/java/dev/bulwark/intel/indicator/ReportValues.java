package dev.bulwark.intel.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values Bulwark's own detections give a defender, read from what Bulwark wrote: findings of
 * the mail, net and logs analyzers in a JSON report ({@code scan}, {@code logs hunt}, {@code mail
 * check}) and the messages of a mail indicators file. Host names are taken from URLs and mail
 * addresses only, and the organisation's own addresses — private, loopback, link-local, and the
 * host a network finding names as its originator — are left out: they are where the activity was
 * seen, not what to block.
 */
public final class ReportValues {
  /** Analyzers whose findings describe activity with indicators in it. */
  static final Set<String> ANALYZERS = Set.of("mail", "net", "logs");

  private ReportValues() {}

  /** The findings of one file, by what the file is. */
  public static List<IndicatorBundles.FindingValues> read(Path file) throws InputException {
    JsonNode doc;
    try {
      doc = StixBundleReader.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": not JSON: " + e.getMessage(), e);
    }
    List<IndicatorBundles.FindingValues> out = new ArrayList<>();
    Extractor ex = Extractor.hostsOnly();
    if ("bulwark-mail-indicators-1".equals(doc.path("format").asText())) {
      for (JsonNode m : doc.path("messages")) {
        Set<Observable> v = new LinkedHashSet<>(ex.extract(m.toString()));
        v.removeIf(Extractor::internalAddress);
        out.add(
            new IndicatorBundles.FindingValues(
                "mail",
                "verdict-" + m.path("verdict").asText(),
                "message judged " + m.path("verdict").asText(),
                m.path("verdict").asText().equals("malicious") ? "high" : "medium",
                m.path("source").asText(file.toString()) + " message " + m.path("index").asInt(),
                v));
      }
      return out;
    }
    if (!doc.path("findings").isArray()) {
      throw new InputException(
          file
              + ": neither a Bulwark JSON report (findings) nor a mail indicators file"
              + " (bulwark-mail-indicators-1)");
    }
    for (JsonNode f : doc.path("findings")) {
      String analyzer = f.path("analyzer").asText();
      if (!ANALYZERS.contains(analyzer)) {
        continue;
      }
      StringBuilder text = new StringBuilder(f.path("message").asText()).append('\n');
      String originator = f.path("properties").path("net-host").asText("");
      for (Map.Entry<String, JsonNode> p : f.path("properties").properties()) {
        if (!p.getKey().equals("net-host")) {
          text.append(p.getValue().asText()).append('\n');
        }
      }
      for (JsonNode loc : f.path("locations")) {
        text.append(loc.path("snippet").asText()).append('\n');
      }
      Set<Observable> v = new LinkedHashSet<>(ex.extract(text.toString()));
      v.removeIf(o -> Extractor.internalAddress(o) || o.value().equals(originator));
      // a 32-hex fingerprint or rule id in the text is Bulwark's own, not a file hash
      v.removeIf(o -> o.value().equalsIgnoreCase(f.path("fingerprint").asText("-")));
      JsonNode first = f.path("locations").path(0);
      out.add(
          new IndicatorBundles.FindingValues(
              analyzer,
              f.path("ruleId").asText(),
              f.path("title").asText(),
              f.path("severity").asText("medium"),
              first.path("path").asText(file.toString())
                  + (first.has("recordId") ? " record " + first.path("recordId").asText() : ""),
              v));
    }
    return out;
  }
}
