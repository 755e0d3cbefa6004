package dev.bulwark.intel.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.stix.StixBundleReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The software the organisation runs and the vulnerabilities known in it, from a CycloneDX JSON BOM
 * ({@code bulwark deps inventory}; its {@code vulnerabilities} when present) or a Bulwark JSON
 * report ({@code bulwark scan --format json}: each finding's CVE ids and package locations), and
 * the ATT&CK techniques its own hunts saw (log findings' ATT&CK ids).
 */
public record Stack(
    List<Component> components,
    Map<String, Set<String>> cveComponents,
    Map<String, List<String>> seenTechniques,
    List<Path> sources) {

  /** A package of the stack. */
  public record Component(String purl, String name, String version) {}

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  public Stack {
    components = List.copyOf(components);
    cveComponents = Map.copyOf(cveComponents);
    seenTechniques = Map.copyOf(seenTechniques);
    sources = List.copyOf(sources);
  }

  public static Stack empty() {
    return new Stack(List.of(), Map.of(), Map.of(), List.of());
  }

  /**
   * Reads each file (a folder: its {@code .json} files); unreadable ones go to {@code problems}.
   */
  public static Stack read(List<Path> files, Consumer<String> problems) throws InputException {
    Map<String, Component> comps = new LinkedHashMap<>();
    Map<String, Set<String>> cves = new LinkedHashMap<>();
    Map<String, List<String>> seen = new LinkedHashMap<>();
    List<Path> sources = new ArrayList<>();
    for (Path f : expand(files)) {
      JsonNode doc;
      try {
        if (Files.size(f) > 256L * 1024 * 1024) {
          problems.accept(f + ": larger than 256 MB; skipped");
          continue;
        }
        doc = StixBundleReader.mapper().readTree(f.toFile());
      } catch (IOException e) {
        problems.accept(f + ": not readable JSON: " + e.getMessage());
        continue;
      }
      if ("CycloneDX".equals(doc.path("bomFormat").asText())) {
        readCycloneDx(doc, comps, cves);
      } else if (doc.has("findings")) {
        readReport(doc, comps, cves, seen);
      } else {
        problems.accept(f + ": neither a CycloneDX BOM nor a Bulwark JSON report; skipped");
        continue;
      }
      sources.add(f);
    }
    return new Stack(List.copyOf(comps.values()), cves, seen, sources);
  }

  private static List<Path> expand(List<Path> files) throws InputException {
    List<Path> out = new ArrayList<>();
    for (Path p : files) {
      if (Files.isDirectory(p)) {
        try (var s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new InputException(p + ": cannot list: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new InputException(p + ": no such SBOM or report");
      }
    }
    return out;
  }

  private static void readCycloneDx(
      JsonNode bom, Map<String, Component> comps, Map<String, Set<String>> cves) {
    Map<String, String> purlByRef = new LinkedHashMap<>();
    for (JsonNode c : bom.path("components")) {
      String purl = c.path("purl").asText("");
      String key =
          purl.isEmpty() ? c.path("name").asText() + "@" + c.path("version").asText() : purl;
      comps.putIfAbsent(
          key, new Component(purl, c.path("name").asText(""), c.path("version").asText("")));
      purlByRef.put(c.path("bom-ref").asText(key), key);
    }
    for (JsonNode v : bom.path("vulnerabilities")) {
      String id = v.path("id").asText("").toUpperCase(Locale.ROOT);
      if (!CVE.matcher(id).matches()) {
        continue;
      }
      for (JsonNode a : v.path("affects")) {
        String ref = purlByRef.getOrDefault(a.path("ref").asText(), a.path("ref").asText());
        cves.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(ref);
      }
    }
  }

  private static void readReport(
      JsonNode report,
      Map<String, Component> comps,
      Map<String, Set<String>> cves,
      Map<String, List<String>> seen) {
    for (JsonNode f : report.path("findings")) {
      List<String> purls = new ArrayList<>();
      for (JsonNode l : f.path("locations")) {
        String purl = l.path("purl").asText("");
        if (!purl.isEmpty()) {
          purls.add(purl);
          comps.putIfAbsent(purl, component(purl));
        }
      }
      for (JsonNode t : f.path("taxa")) {
        String tax = t.path("taxonomy").asText("").toUpperCase(Locale.ROOT);
        String id = t.path("id").asText("").toUpperCase(Locale.ROOT);
        if (tax.equals("CVE") && CVE.matcher(id).matches()) {
          cves.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(purls);
        } else if (tax.contains("ATT") && TECHNIQUE.matcher(id).matches()) {
          seen.computeIfAbsent(id, k -> new ArrayList<>())
              .add(f.path("ruleId").asText("") + ": " + f.path("title").asText(""));
        }
      }
    }
  }

  /** {@code pkg:maven/group/name@version} → its name and version. */
  static Component component(String purl) {
    String body = purl.replaceFirst("^pkg:[^/]+/", "");
    int at = body.lastIndexOf('@');
    String name = at < 0 ? body : body.substring(0, at);
    String version = at < 0 ? "" : body.substring(at + 1).replaceFirst("[?#].*", "");
    return new Component(purl, name.substring(name.lastIndexOf('/') + 1), version);
  }
}
