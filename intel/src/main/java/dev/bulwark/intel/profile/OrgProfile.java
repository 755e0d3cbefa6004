package dev.bulwark.intel.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.vocab.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The organisation a report is tailored to, from the {@code intel:} section of {@code
 * bulwark.yaml}: its sectors (Bulwark's sector names), the countries it operates in (ISO 3166-1
 * alpha-2), how exposed it is to the internet, its crown-jewel assets, and where its own evidence
 * lies (an SBOM or Bulwark report, the Sigma rules in force, hunt reports).
 *
 * <pre>{@code
 * intel:
 *   name: St. Elsewhere Hospital
 *   sectors: [healthcare]
 *   countries: [DE, AT]
 *   exposure: internet-facing
 *   crown-jewels: [patient records, PACS imaging]
 *   sbom: ../webshop/bom.json
 *   rules: [../../logs/src/main/resources/dev/bulwark/logs/sigma/rules]
 * }</pre>
 */
public record OrgProfile(
    String name,
    List<String> sectors,
    List<String> countries,
    Exposure exposure,
    List<String> crownJewels,
    List<Path> sboms,
    List<Path> rules,
    List<Path> catalog,
    List<Path> evidence,
    int top) {

  /** How much of the organisation faces the internet: raises initial-access techniques. */
  public enum Exposure {
    INTERNAL,
    LIMITED,
    INTERNET_FACING;

    static Exposure parse(String s, String where) throws InputException {
      String n = s.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      return switch (n) {
        case "internal", "none", "low" -> INTERNAL;
        case "limited", "medium", "partial" -> LIMITED;
        case "internet_facing", "high", "public", "internet" -> INTERNET_FACING;
        default ->
            throw new InputException(
                where
                    + ": intel.exposure must be internal, limited or internet-facing, got '"
                    + s
                    + "'");
      };
    }
  }

  /** The keys the {@code intel:} section may hold. */
  public static final ConfigShape KEYS =
      ConfigShape.keys(
          "name",
          "sectors",
          "countries",
          "exposure",
          "crown-jewels",
          "sbom",
          "rules",
          "catalog",
          "evidence",
          "top");

  public OrgProfile {
    sectors = List.copyOf(sectors);
    countries = List.copyOf(countries);
    crownJewels = List.copyOf(crownJewels);
    sboms = List.copyOf(sboms);
    rules = List.copyOf(rules);
    catalog = List.copyOf(catalog);
    evidence = List.copyOf(evidence);
    if (top < 1) {
      throw new IllegalArgumentException("top must be at least 1, got " + top);
    }
  }

  /**
   * Reads the section; relative paths are taken from {@code baseDir} (the configuration file's
   * folder). Unknown sectors and country codes are errors naming the value and the known ones.
   */
  public static OrgProfile fromSection(JsonNode section, Path baseDir, String where)
      throws InputException {
    if (section == null || section.isMissingNode() || section.isNull()) {
      throw new InputException(
          where + ": no 'intel:' section (sectors, countries, exposure) to tailor the report to");
    }
    Vocabulary vocab = Vocabulary.builtIn();
    List<String> sectors = new ArrayList<>();
    for (String s : strings(section.path("sectors"))) {
      var sector =
          vocab
              .sector(s)
              .orElseThrow(() ->
                  new InputException(
                      where
                          + ": intel.sectors: unknown sector '"
                          + s
                          + "' (known: "
                          + String.join(", ", vocab.sectorNames())
                          + ")"));
      if (!sectors.contains(sector.name())) {
        sectors.add(sector.name());
      }
    }
    List<String> countries = new ArrayList<>();
    for (String c : strings(section.path("countries"))) {
      String iso = c.strip().toUpperCase(Locale.ROOT);
      if (!vocab.isCountryCode(iso)) {
        throw new InputException(
            where + ": intel.countries: '" + c + "' is not an ISO 3166-1 alpha-2 code");
      }
      countries.add(iso);
    }
    if (sectors.isEmpty() && countries.isEmpty()) {
      throw new InputException(where + ": intel: name at least one sector or country");
    }
    Exposure exposure =
        section.hasNonNull("exposure")
            ? Exposure.parse(section.get("exposure").asText(), where)
            : Exposure.LIMITED;
    int top = section.path("top").asInt(10);
    if (top < 1) {
      throw new InputException(where + ": intel.top must be at least 1, got " + top);
    }
    return new OrgProfile(
        section.path("name").asText("the organisation"),
        sectors,
        countries,
        exposure,
        strings(section.path("crown-jewels")),
        paths(section.path("sbom"), baseDir),
        paths(section.path("rules"), baseDir),
        paths(section.path("catalog"), baseDir),
        paths(section.path("evidence"), baseDir),
        top);
  }

  /** This profile with more inputs given on the command line. */
  public OrgProfile withInputs(
      List<Path> moreSboms, List<Path> moreRules, List<Path> moreCatalog, List<Path> moreEvidence) {
    return new OrgProfile(
        name,
        sectors,
        countries,
        exposure,
        crownJewels,
        concat(sboms, moreSboms),
        concat(rules, moreRules),
        concat(catalog, moreCatalog),
        concat(evidence, moreEvidence),
        top);
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    b.stream().filter(p -> !out.contains(p)).forEach(out::add);
    return out;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static List<Path> paths(JsonNode n, Path baseDir) {
    return strings(n).stream().map(s -> baseDir.resolve(s).normalize()).toList();
  }
}
