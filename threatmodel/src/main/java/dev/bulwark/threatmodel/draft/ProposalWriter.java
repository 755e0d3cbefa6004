package dev.bulwark.threatmodel.draft;

import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.format.ThreagileWriter;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.Ids;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.tree.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an LLM's verified proposals into a Threagile model file by inserting text, not by
 * rewriting the file: every line the author wrote (comments, order, quoting, blank lines) stays as
 * it was, and each addition goes at the end of the mapping it belongs to with the file's own
 * indentation. A new asset goes under {@code technical_assets}, a new link under its source asset's
 * {@code communication_links}. Unverified proposals are never written; threats are not either,
 * since Threagile's individual risk categories need ratings a proposal does not carry.
 *
 * <p>The edited text is read back before it is returned: it must load, hold every element the file
 * held unchanged, and hold the additions. Anything else is an error and nothing is written.
 */
public final class ProposalWriter {
  private ProposalWriter() {}

  /** A proposal written, with the id it got in the model. */
  public record Written(LlmDrafter.Proposal proposal, String id) {}

  /** A verified proposal left out, and why. */
  public record Skipped(LlmDrafter.Proposal proposal, String reason) {}

  /** The edited text and what went into it. */
  public record Outcome(String text, List<Written> written, List<Skipped> skipped) {}

  private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*:(.*)$");

  /**
   * The model file's text with {@code proposals}' verified assets and links added. {@code file} is
   * the Threagile YAML to edit; the result is checked by reading it back beside the file (so its
   * includes resolve), not written.
   */
  public static Outcome apply(Path file, List<LlmDrafter.Proposal> proposals, String source)
      throws IOException, ModelException {
    String name = String.valueOf(file.getFileName());
    if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
      throw new IOException(
          "only a Threagile YAML model can take proposals; convert it first (threatmodel convert"
              + " --to threagile)");
    }
    String original = Files.readString(file);
    ThreatModel before = Models.read(file);
    List<String> lines = new ArrayList<>(original.lines().toList());
    List<Written> written = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<TechnicalAsset> added = new ArrayList<>();
    List<String> knownIds = new ArrayList<>();
    before.technicalAssets().forEach(a -> knownIds.add(a.id()));
    // assets first, so a link may target an asset proposed in the same answer
    for (LlmDrafter.Proposal p : proposals) {
      if (!p.verified() || !p.kind().equals("asset")) {
        continue;
      }
      String id = Ids.slug(p.element());
      if (knownIds.contains(id) || resolve(before, p.element()).isPresent()) {
        skipped.add(new Skipped(p, "the model already has asset '" + id + "'"));
        continue;
      }
      TechnicalAsset a = asset(id, p.element().strip(), cited(p, source));
      insertAsset(lines, block(a));
      knownIds.add(id);
      added.add(a);
      written.add(new Written(p, id));
    }
    List<CommunicationLink> addedLinks = new ArrayList<>();
    for (LlmDrafter.Proposal p : proposals) {
      if (!p.verified()) {
        continue;
      }
      if (p.kind().equals("threat")) {
        skipped.add(
            new Skipped(
                p,
                "threats are listed, not written: a Threagile risk category needs ratings the"
                    + " proposal does not give"));
        continue;
      }
      if (!p.kind().equals("link")) {
        continue;
      }
      int arrow = p.element().indexOf('>');
      if (arrow <= 0 || arrow == p.element().length() - 1) {
        skipped.add(new Skipped(p, "a link is named SOURCE>TARGET, got '" + p.element() + "'"));
        continue;
      }
      String src = idOf(before, added, p.element().substring(0, arrow).strip());
      String dst = idOf(before, added, p.element().substring(arrow + 1).strip());
      if (src == null || dst == null) {
        skipped.add(
            new Skipped(
                p,
                "the model has no asset '"
                    + (src == null
                        ? p.element().substring(0, arrow).strip()
                        : p.element().substring(arrow + 1).strip())
                    + "'"));
        continue;
      }
      String title = linkTitle(p);
      String linkId = src + ">" + Ids.slug(title);
      boolean exists =
          before.links().stream().anyMatch(l -> l.id().equals(linkId))
              || addedLinks.stream().anyMatch(l -> l.id().equals(linkId));
      if (exists) {
        skipped.add(new Skipped(p, "the model already has link '" + linkId + "'"));
        continue;
      }
      CommunicationLink l = link(linkId, title, src, dst, p, source);
      if (!insertLink(lines, src, linkBlock(l))) {
        skipped.add(
            new Skipped(
                p,
                "asset '" + src + "' is not written in " + file.getFileName() + " (an include?)"));
        continue;
      }
      addedLinks.add(l);
      written.add(new Written(p, linkId));
    }
    String text = String.join("\n", lines) + "\n";
    if (!written.isEmpty()) {
      check(file, before, text, added, addedLinks);
    }
    return new Outcome(written.isEmpty() ? original : text, written, skipped);
  }

  /** An asset id for a proposal's name: the id itself, or that of the asset so titled. */
  private static String idOf(ThreatModel m, List<TechnicalAsset> added, String name) {
    Optional<TechnicalAsset> a = resolve(m, name);
    if (a.isPresent()) {
      return a.get().id();
    }
    for (TechnicalAsset x : added) {
      if (x.id().equals(name) || x.id().equals(Ids.slug(name))) {
        return x.id();
      }
    }
    return null;
  }

  private static Optional<TechnicalAsset> resolve(ThreatModel m, String name) {
    return m.technicalAssets().stream()
        .filter(a ->
            a.id().equals(name)
                || a.title().equalsIgnoreCase(name)
                || a.id().equals(Ids.slug(name)))
        .findFirst();
  }

  private static String linkTitle(LlmDrafter.Proposal p) {
    String t = p.claim().strip().replaceAll("\\s+", " ");
    return t.length() > 60 ? t.substring(0, 60).strip() : t;
  }

  private static String cited(LlmDrafter.Proposal p, String source) {
    return "Proposed by "
        + source
        + ", verified against "
        + p.file()
        + ":"
        + p.line()
        + ": "
        + p.claim().strip();
  }

  private static TechnicalAsset asset(String id, String title, String description) {
    return new TechnicalAsset(
        id,
        title,
        description,
        "process",
        "business",
        false,
        false,
        "",
        "component",
        List.of("unknown-technology"),
        List.of(),
        false,
        "virtual",
        "none",
        "",
        Confidentiality.INTERNAL,
        Criticality.IMPORTANT,
        Criticality.IMPORTANT,
        "Not rated yet: review the proposal and rate it.",
        false,
        false,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static CommunicationLink link(
      String id, String title, String src, String dst, LlmDrafter.Proposal p, String source) {
    return new CommunicationLink(
        id,
        title,
        src,
        dst,
        cited(p, source),
        "unknown-protocol",
        "none",
        "none",
        List.of(),
        false,
        false,
        false,
        "business",
        List.of(),
        List.of());
  }

  /** The asset's entry as the writer spells it: key at level 1, fields at level 2. */
  private static List<String> block(TechnicalAsset a) {
    return section(one(List.of(a)), "technical_assets:", 1);
  }

  /** The link's entry: key at level 3, fields at level 4 (under its asset's links). */
  private static List<String> linkBlock(CommunicationLink l) {
    TechnicalAsset holder = asset(l.sourceId(), l.sourceId(), "").withLinks(List.of(l));
    return section(one(List.of(holder)), "    communication_links:", 3);
  }

  private static String one(List<TechnicalAsset> assets) {
    return ThreagileWriter.write(
        new ThreatModel(
            "", "", "", null, "", List.of(), List.of(), assets, List.of(), List.of(), List.of(),
            Map.of()));
  }

  /** The lines after {@code header} whose level is {@code level} or deeper. */
  private static List<String> section(String yaml, String header, int level) {
    List<String> all = yaml.lines().toList();
    int start = all.indexOf(header);
    List<String> out = new ArrayList<>();
    for (int i = start + 1; i < all.size(); i++) {
      String l = all.get(i);
      if (l.isBlank() || indent(l) < 2 * level) {
        break;
      }
      out.add(l);
    }
    return out;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** A line holding YAML content (not blank, not only a comment). */
  private static boolean content(String line) {
    String t = line.strip();
    return !t.isEmpty() && !t.startsWith("#");
  }

  /** Re-indents writer lines (two spaces a level, {@code top} the first level) to the file's. */
  private static List<String> reindent(List<String> block, int top, int base, int step) {
    List<String> out = new ArrayList<>();
    for (String l : block) {
      int level = indent(l) / 2 - top;
      out.add(" ".repeat(base + level * step) + l.strip());
    }
    return out;
  }

  private static void insertAsset(List<String> lines, List<String> block) throws IOException {
    int key = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = TOP_KEY.matcher(lines.get(i));
      if (m.matches() && m.group(1).equals("technical_assets")) {
        key = i;
        break;
      }
    }
    if (key < 0) {
      lines.add("technical_assets:");
      lines.addAll(reindent(block, 1, 2, 2));
      return;
    }
    String rest = stripComment(TOP_KEY.matcher(lines.get(key)).replaceFirst("$2")).strip();
    if (rest.equals("{}")) {
      lines.set(key, "technical_assets:");
      lines.addAll(key + 1, reindent(block, 1, 2, 2));
      return;
    }
    if (!rest.isEmpty()) {
      throw new IOException(
          "line " + (key + 1) + ": technical_assets is not a block mapping; cannot add to it");
    }
    int end = blockEnd(lines, key, 0);
    int child = firstChildIndent(lines, key, end, 2);
    int step = stepBelow(lines, key, end, child);
    lines.addAll(lastContent(lines, key, end) + 1, reindent(block, 1, child, step));
  }

  /**
   * Adds a link under asset {@code id}'s {@code communication_links}; false when the asset is not
   * written in this file.
   */
  private static boolean insertLink(List<String> lines, String id, List<String> block)
      throws IOException {
    int key = -1;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = TOP_KEY.matcher(lines.get(i));
      if (m.matches() && m.group(1).equals("technical_assets")) {
        key = i;
        break;
      }
    }
    if (key < 0) {
      return false;
    }
    int end = blockEnd(lines, key, 0);
    int child = firstChildIndent(lines, key, end, 2);
    Pattern idLine =
        Pattern.compile("^\\s+id\\s*:\\s*(['\"]?)" + Pattern.quote(id) + "\\1\\s*(#.*)?$");
    for (int i = key + 1; i < end; i++) {
      if (!content(lines.get(i)) || indent(lines.get(i)) != child) {
        continue;
      }
      int entryEnd = blockEnd(lines, i, child);
      int field = firstChildIndent(lines, i, entryEnd, child + 2);
      boolean mine = false;
      for (int j = i + 1; j < entryEnd; j++) {
        if (indent(lines.get(j)) == field && idLine.matcher(lines.get(j)).matches()) {
          mine = true;
          break;
        }
      }
      if (!mine) {
        continue;
      }
      int step = field - child;
      Pattern linksKey = Pattern.compile("^\\s*communication_links\\s*:(.*)$");
      for (int j = i + 1; j < entryEnd; j++) {
        Matcher m = linksKey.matcher(lines.get(j));
        if (indent(lines.get(j)) != field || !m.matches()) {
          continue;
        }
        String rest = stripComment(m.group(1)).strip();
        if (rest.equals("{}")) {
          lines.set(j, " ".repeat(field) + "communication_links:");
          lines.addAll(j + 1, reindent(block, 3, field + step, step));
          return true;
        }
        if (!rest.isEmpty()) {
          throw new IOException(
              "line "
                  + (j + 1)
                  + ": communication_links of "
                  + id
                  + " is not a block mapping; cannot add to it");
        }
        int linksEnd = blockEnd(lines, j, field);
        int at = lastContent(lines, j, linksEnd) + 1;
        int linkIndent = firstChildIndent(lines, j, linksEnd, field + step);
        lines.addAll(at, reindent(block, 3, linkIndent, step));
        return true;
      }
      // no links yet: the key and the link at the end of the asset's entry
      int at = lastContent(lines, i, entryEnd) + 1;
      List<String> add = new ArrayList<>();
      add.add(" ".repeat(field) + "communication_links:");
      add.addAll(reindent(block, 3, field + step, step));
      lines.addAll(at, add);
      return true;
    }
    return false;
  }

  /** The first line after {@code key} holding content at indentation {@code parent} or less. */
  private static int blockEnd(List<String> lines, int key, int parent) {
    for (int i = key + 1; i < lines.size(); i++) {
      if (content(lines.get(i)) && indent(lines.get(i)) <= parent) {
        return i;
      }
    }
    return lines.size();
  }

  private static int firstChildIndent(List<String> lines, int key, int end, int fallback) {
    for (int i = key + 1; i < end; i++) {
      if (content(lines.get(i))) {
        return indent(lines.get(i));
      }
    }
    return fallback;
  }

  /** The indentation step the file uses below an entry at {@code child}. */
  private static int stepBelow(List<String> lines, int key, int end, int child) {
    for (int i = key + 1; i < end; i++) {
      if (content(lines.get(i)) && indent(lines.get(i)) > child) {
        return indent(lines.get(i)) - child;
      }
    }
    return 2;
  }

  /** The last line in (key, end) that is content or an indented comment of the block. */
  private static int lastContent(List<String> lines, int key, int end) {
    int last = key;
    for (int i = key + 1; i < end; i++) {
      if (content(lines.get(i))) {
        last = i;
      }
    }
    return last;
  }

  /** A value's text without a trailing comment (outside quotes). */
  private static String stripComment(String s) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#'
          && !single
          && !dbl
          && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  /**
   * Reads the edited text back beside the file: it must load, keep every element the file had
   * (links aside, each asset equal), and hold exactly the additions.
   */
  private static void check(
      Path file,
      ThreatModel before,
      String text,
      List<TechnicalAsset> added,
      List<CommunicationLink> addedLinks)
      throws IOException, ModelException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".bulwark-edit-", ".yaml");
    ThreatModel after;
    try {
      Files.writeString(tmp, text);
      after = Models.read(tmp);
    } catch (ModelException e) {
      throw new IOException(
          "the edited model does not load, so nothing was written: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    List<String> problems = new ArrayList<>();
    for (TechnicalAsset a : before.technicalAssets()) {
      Optional<TechnicalAsset> now = after.asset(a.id());
      List<CommunicationLink> expectLinks = new ArrayList<>(a.links());
      addedLinks.stream().filter(l -> l.sourceId().equals(a.id())).forEach(expectLinks::add);
      if (now.isEmpty()) {
        problems.add("asset " + a.id() + " is gone");
      } else if (!now.get().withLinks(List.of()).equals(a.withLinks(List.of()))) {
        problems.add("asset " + a.id() + " changed");
      } else if (!now.get().links().equals(expectLinks)) {
        problems.add("the links of " + a.id() + " are not the old ones plus the new");
      }
    }
    for (TechnicalAsset a : added) {
      Optional<TechnicalAsset> now = after.asset(a.id());
      List<CommunicationLink> expectLinks =
          addedLinks.stream().filter(l -> l.sourceId().equals(a.id())).toList();
      if (now.isEmpty() || !now.get().equals(a.withLinks(expectLinks))) {
        problems.add("the new asset " + a.id() + " does not read back as written");
      }
    }
    if (after.technicalAssets().size() != before.technicalAssets().size() + added.size()) {
      problems.add("the number of assets is not the old one plus the new");
    }
    ThreatModel restOfBefore = restOf(before);
    if (!restOf(after).equals(restOfBefore)) {
      problems.add("data assets, trust boundaries, runtimes or tracking changed");
    }
    if (!problems.isEmpty()) {
      throw new IOException(
          "the edit would change the model in ways not intended ("
              + String.join("; ", problems)
              + "), so nothing was written");
    }
  }

  private static ThreatModel restOf(ThreatModel m) {
    return new ThreatModel(
        m.title(),
        m.author(),
        m.date(),
        m.businessCriticality(),
        m.description(),
        m.tagsAvailable(),
        m.dataAssets(),
        List.of(),
        m.trustBoundaries(),
        m.sharedRuntimes(),
        m.riskTracking(),
        Map.of());
  }
}
