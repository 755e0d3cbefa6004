package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a Dockerfile into a tree rules can query:
 *
 * <pre>
 * stages:            one per FROM
 *   - from: {image, tag, digest, alias, stage-ref}    stage-ref: the image names an earlier stage
 *     instructions: [{instruction, value, keys}]      keys: the names an ENV or ARG sets
 *     user:          the USER in force at the end of the stage (inherited from a FROM stage)
 * final:             the last stage, which is what the image runs
 * </pre>
 *
 * Continuation lines, the {@code escape} directive and heredocs ({@code RUN <<EOF}) are understood;
 * an unknown instruction or a file without FROM is an error naming the line.
 */
public final class Dockerfiles {
  private static final Set<String> INSTRUCTIONS =
      Set.of(
          "FROM",
          "RUN",
          "CMD",
          "LABEL",
          "MAINTAINER",
          "EXPOSE",
          "ENV",
          "ADD",
          "COPY",
          "ENTRYPOINT",
          "VOLUME",
          "USER",
          "WORKDIR",
          "ARG",
          "ONBUILD",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "SHELL");
  private static final Pattern HEREDOC =
      Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
  private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("(?i)^#\\s*escape\\s*=\\s*(\\S)");
  private static final Pattern ENV_PAIR =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");
  static final int MAX_LINES = 100_000;

  private Dockerfiles() {}

  /** One logical instruction: the line it starts on, its keyword and its joined arguments. */
  record Instruction(int line, String keyword, String value) {}

  public static Node parse(String path, String text) throws ParseException {
    List<Instruction> instructions = instructions(path, text);
    MapNode root = new MapNode(1);
    ListNode stages = new ListNode(1);
    root.put("stages", 1, stages);
    Map<String, MapNode> byAlias = new HashMap<>();
    Map<MapNode, Node> userOf = new HashMap<>();
    MapNode stage = null;
    ListNode list = null;
    for (Instruction in : instructions) {
      if (in.keyword().equals("FROM")) {
        stage = new MapNode(in.line());
        list = new ListNode(in.line());
        MapNode from = from(in, byAlias);
        stage.put("from", in.line(), from);
        stage.put("instructions", in.line(), list);
        stages.add(stage);
        Node alias = from.get("alias");
        if (alias instanceof Scalar a) {
          byAlias.put(a.text().toLowerCase(Locale.ROOT), stage);
        }
        // USER carries into a stage built FROM an earlier stage
        if (from.get("stage-ref") != null) {
          MapNode base = byAlias.get(((Scalar) from.get("image")).text().toLowerCase(Locale.ROOT));
          if (base != null && userOf.containsKey(base)) {
            userOf.put(stage, userOf.get(base));
          }
        }
        continue;
      }
      if (stage == null) {
        if (in.keyword().equals("ARG")) {
          continue; // global build arguments before the first FROM
        }
        throw new ParseException(path, in.line(), in.keyword() + " before the first FROM");
      }
      MapNode node = new MapNode(in.line());
      node.put("instruction", in.line(), new Scalar(in.line(), in.keyword(), Scalar.Type.STRING));
      node.put("value", in.line(), new Scalar(in.line(), in.value(), Scalar.Type.STRING));
      if (in.keyword().equals("ENV") || in.keyword().equals("ARG")) {
        node.put("keys", in.line(), keys(in));
      }
      list.add(node);
      if (in.keyword().equals("USER")) {
        userOf.put(stage, node.get("value"));
      }
    }
    if (stage == null) {
      throw new ParseException(path, 1, "no FROM instruction: not a Dockerfile");
    }
    for (Node s : stages.items()) {
      Node u = userOf.get((MapNode) s);
      if (u instanceof Scalar user) {
        ((MapNode) s)
            .put("user", user.line(), new Scalar(user.line(), user.text(), Scalar.Type.STRING));
      }
    }
    MapNode last = (MapNode) stages.items().get(stages.items().size() - 1);
    MapNode fin = new MapNode(last.startLine());
    last.entries().forEach((k, v) -> fin.put(k, v.line(), copy(v)));
    root.put("final", last.startLine(), fin);
    return root;
  }

  private static Node copy(Node n) {
    return switch (n) {
      case Scalar s -> new Scalar(s.startLine(), s.text(), s.type());
      case MapNode m -> {
        MapNode c = new MapNode(m.startLine());
        m.entries().forEach((k, v) -> c.put(k, v.line(), copy(v)));
        yield c;
      }
      case ListNode l -> {
        ListNode c = new ListNode(l.startLine());
        l.items().forEach(i -> c.add(copy(i)));
        yield c;
      }
    };
  }

  private static MapNode from(Instruction in, Map<String, MapNode> byAlias) {
    MapNode from = new MapNode(in.line());
    int line = in.line();
    List<String> words = new ArrayList<>();
    for (String w : in.value().trim().split("\\s+")) {
      if (!w.startsWith("--")) {
        words.add(w);
      }
    }
    String ref = words.isEmpty() ? "" : words.get(0);
    if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
      from.put("alias", line, new Scalar(line, words.get(2), Scalar.Type.STRING));
    }
    String image = ref;
    String digest = null;
    int at = image.indexOf('@');
    if (at >= 0) {
      digest = image.substring(at + 1);
      image = image.substring(0, at);
    }
    String tag = null;
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon > slash) {
      tag = image.substring(colon + 1);
      image = image.substring(0, colon);
    }
    from.put("ref", line, new Scalar(line, ref, Scalar.Type.STRING));
    from.put("image", line, new Scalar(line, image, Scalar.Type.STRING));
    if (tag != null) {
      from.put("tag", line, new Scalar(line, tag, Scalar.Type.STRING));
    }
    if (digest != null) {
      from.put("digest", line, new Scalar(line, digest, Scalar.Type.STRING));
    }
    if (byAlias.containsKey(ref.toLowerCase(Locale.ROOT))) {
      from.put("stage-ref", line, new Scalar(line, "true", Scalar.Type.BOOLEAN));
    }
    return from;
  }

  private static ListNode keys(Instruction in) {
    ListNode keys = new ListNode(in.line());
    String v = in.value().trim();
    Matcher m = ENV_PAIR.matcher(v);
    boolean any = false;
    while (m.find()) {
      keys.add(new Scalar(in.line(), m.group(1), Scalar.Type.STRING));
      any = true;
    }
    if (!any && !v.isEmpty()) {
      // the legacy form "ENV NAME value" and "ARG NAME" without a default
      keys.add(new Scalar(in.line(), v.split("\\s+", 2)[0], Scalar.Type.STRING));
    }
    return keys;
  }

  static List<Instruction> instructions(String path, String text) throws ParseException {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length > MAX_LINES) {
      throw new ParseException(path, MAX_LINES, "more than " + MAX_LINES + " lines");
    }
    char escape = '\\';
    boolean directives = true;
    List<Instruction> out = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      String raw = lines[i];
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        if (directives && trimmed.startsWith("#")) {
          Matcher d = ESCAPE_DIRECTIVE.matcher(trimmed);
          if (d.find()) {
            escape = d.group(1).charAt(0);
          }
        } else if (trimmed.isEmpty()) {
          directives = false;
        }
        i++;
        continue;
      }
      directives = false;
      int start = i + 1;
      StringBuilder joined = new StringBuilder();
      String current = trimmed;
      while (true) {
        String stripped = current.stripTrailing();
        if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
          joined.append(stripped, 0, stripped.length() - 1).append(' ');
          i++;
          // comment and blank lines inside a continued instruction are dropped
          while (i < lines.length
              && (lines[i].strip().startsWith("#") || lines[i].strip().isEmpty())
              && i + 1 < lines.length) {
            i++;
          }
          if (i >= lines.length) {
            break;
          }
          current = lines[i].strip();
        } else {
          joined.append(stripped);
          i++;
          break;
        }
      }
      String instr = joined.toString();
      int sp = indexOfSpace(instr);
      String keyword = (sp < 0 ? instr : instr.substring(0, sp)).toUpperCase(Locale.ROOT);
      String value = sp < 0 ? "" : instr.substring(sp + 1).trim();
      if (!INSTRUCTIONS.contains(keyword)) {
        throw new ParseException(
            path, start, "unknown instruction '" + (sp < 0 ? instr : instr.substring(0, sp)) + "'");
      }
      Matcher h = HEREDOC.matcher(value);
      if ((keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) && h.find()) {
        StringBuilder body = new StringBuilder(value);
        // every heredoc named on the line is read, in order
        h.reset();
        while (h.find()) {
          String end = h.group(1);
          boolean closed = false;
          while (i < lines.length) {
            String l = lines[i++];
            if (l.strip().equals(end)) {
              closed = true;
              break;
            }
            body.append('\n').append(l);
          }
          if (!closed) {
            throw new ParseException(path, start, "heredoc <<" + end + " is never closed");
          }
        }
        value = body.toString();
      }
      out.add(new Instruction(start, keyword, value));
    }
    return out;
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
