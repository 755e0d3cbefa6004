package dev.bulwark.intel.vocab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping tables from the unnormalised sector and country names of threat reports to Bulwark's
 * sector names and ISO 3166-1 alpha-2 codes. The tables are data ({@code vocab/sectors.tsv}, {@code
 * countries.tsv}, {@code regions.tsv}): a new spelling is a line.
 */
public final class Vocabulary {
  /** A sector name that stands for a whole class (e.g. "private sector") ends in '*'. */
  public record Sector(String name, boolean broad) {}

  private final Map<String, Sector> sectorByName = new LinkedHashMap<>();
  private final Map<String, String> isoByName = new LinkedHashMap<>();
  private final Map<String, String> nameByIso = new LinkedHashMap<>();
  private final Map<String, Set<String>> regionMembers = new LinkedHashMap<>();
  private final Set<String> sectors = new TreeSet<>();
  private final Pattern mention;

  private static final Vocabulary BUILT_IN = load();

  private Vocabulary() {
    // filled by load(); the mention pattern is set last
    this.mention = null;
  }

  private Vocabulary(Vocabulary tables, Pattern mention) {
    sectorByName.putAll(tables.sectorByName);
    isoByName.putAll(tables.isoByName);
    nameByIso.putAll(tables.nameByIso);
    regionMembers.putAll(tables.regionMembers);
    sectors.addAll(tables.sectors);
    this.mention = mention;
  }

  /** The tables shipped with Bulwark. */
  public static Vocabulary builtIn() {
    return BUILT_IN;
  }

  private static Vocabulary load() {
    Vocabulary v = new Vocabulary();
    for (String[] row : rows("sectors.tsv")) {
      boolean broad = row[0].endsWith("*");
      String name = broad ? row[0].substring(0, row[0].length() - 1) : row[0];
      Sector s = new Sector(name, broad);
      v.sectors.add(name);
      v.sectorByName.put(name, s);
      for (String alias : row[1].split("\\|")) {
        v.sectorByName.putIfAbsent(alias.strip(), s);
      }
    }
    for (String[] row : rows("countries.tsv")) {
      String iso = row[0].strip().toUpperCase(Locale.ROOT);
      String[] names = row[1].split("\\|");
      v.nameByIso.putIfAbsent(iso, names[0].strip());
      for (String n : names) {
        v.isoByName.putIfAbsent(n.strip(), iso);
      }
    }
    for (String[] row : rows("regions.tsv")) {
      Set<String> members = new TreeSet<>();
      for (String iso : row[1].strip().split("\\s+")) {
        members.add(iso.equals("*") ? "*" : iso.toUpperCase(Locale.ROOT));
      }
      v.regionMembers.put(row[0].strip(), members);
    }
    // names of three letters or more only: "us" or "it" inside prose mean other things
    List<String> words = new ArrayList<>();
    v.isoByName.keySet().stream().filter(n -> n.length() > 3).forEach(words::add);
    v.regionMembers.keySet().stream().filter(n -> n.length() > 3).forEach(words::add);
    v.sectorByName.entrySet().stream()
        .filter(e -> e.getKey().length() > 3 && !e.getValue().broad())
        .forEach(e -> words.add(e.getKey()));
    words.sort((a, b) -> Integer.compare(b.length(), a.length()));
    StringBuilder re = new StringBuilder("\\b(");
    for (int i = 0; i < words.size(); i++) {
      re.append(i == 0 ? "" : "|").append(Pattern.quote(words.get(i)));
    }
    re.append(")\\b");
    return new Vocabulary(v, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
  }

  private static List<String[]> rows(String file) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = Vocabulary.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("vocabulary table missing: " + file);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.toLowerCase(Locale.ROOT).split("\t");
        if (cols.length != 2) {
          throw new IllegalStateException(file + ":" + n + ": expected two tab-separated columns");
        }
        out.add(cols);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The sector a report's name stands for, if the table knows it. */
  public Optional<Sector> sector(String raw) {
    return Optional.ofNullable(sectorByName.get(normal(raw)));
  }

  /** Bulwark's sector names (what a profile may list). */
  public Set<String> sectorNames() {
    return sectors;
  }

  /** The ISO code of a country name ("United States", "South Korea"), if known. */
  public Optional<String> country(String raw) {
    String n = normal(raw);
    if (n.length() == 2 && nameByIso.containsKey(n.toUpperCase(Locale.ROOT))) {
      return Optional.of(n.toUpperCase(Locale.ROOT));
    }
    return Optional.ofNullable(isoByName.get(n));
  }

  /** The ISO members of a region or bloc ("Middle East", "Europe"); {@code *} for global. */
  public Optional<Set<String>> region(String raw) {
    return Optional.ofNullable(regionMembers.get(normal(raw)));
  }

  public boolean isCountryCode(String iso) {
    return nameByIso.containsKey(iso.toUpperCase(Locale.ROOT));
  }

  public String countryName(String iso) {
    return nameByIso.getOrDefault(iso.toUpperCase(Locale.ROOT), iso);
  }

  /** A mention of a sector, country or region found in free text, with the words that said it. */
  public record Mention(String kind, String value, String words) {}

  /** Sector, country and region names mentioned in prose such as an ATT&CK group description. */
  public List<Mention> mentions(String text) {
    Set<Mention> out = new LinkedHashSet<>();
    Matcher m = mention.matcher(text);
    while (m.find()) {
      String w = m.group(1);
      String n = normal(w);
      Sector s = sectorByName.get(n);
      // a broad category in prose ("business", "services") says too little to count
      if (s != null && !s.broad()) {
        out.add(new Mention("sector", s.name(), w));
      }
      String iso = isoByName.get(n);
      if (iso != null) {
        out.add(new Mention("country", iso, w));
      }
      if (regionMembers.containsKey(n)) {
        out.add(new Mention("region", n, w));
      }
    }
    return List.copyOf(out);
  }

  private static String normal(String raw) {
    return raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
