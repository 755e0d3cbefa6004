package dev.bulwark.config.parse;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.doc.Scalar;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads every document of a YAML stream (YAML 1.2 core schema, so {@code on:} stays a string key)
 * into {@link Node} trees that keep their lines.
 *
 * <p>Bounded: the input is limited in code points, aliases to collections are capped (a
 * billion-laughs file fails fast) and the tree built from aliases is capped in nodes and depth.
 */
public final class YamlDocuments {
  static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
  static final int MAX_NODES = 500_000;
  static final int MAX_DEPTH = 200;

  private YamlDocuments() {}

  /** The documents of {@code text}, empty documents left out; {@code path} is for messages. */
  public static List<Node> parse(String path, String text) throws ParseException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(path)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(50)
            .setAllowDuplicateKeys(true)
            .setAllowRecursiveKeys(false)
            .setUseMarks(true)
            .build();
    List<Node> docs = new ArrayList<>();
    int[] budget = {MAX_NODES};
    try {
      for (org.snakeyaml.engine.v2.nodes.Node n :
          new Compose(settings).composeAllFromString(text)) {
        if (n != null) {
          docs.add(convert(path, n, budget, 0));
        }
      }
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      throw new ParseException(path, line, "not valid YAML: " + firstLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new ParseException(path, 1, "not valid YAML: " + firstLine(e.getMessage()));
    }
    return docs;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int line(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  private static Node convert(
      String path, org.snakeyaml.engine.v2.nodes.Node n, int[] budget, int depth)
      throws ParseException {
    if (--budget[0] < 0) {
      throw new ParseException(path, line(n), "more than " + MAX_NODES + " YAML nodes");
    }
    if (depth > MAX_DEPTH) {
      throw new ParseException(path, line(n), "YAML nested deeper than " + MAX_DEPTH);
    }
    return switch (n) {
      case MappingNode m -> {
        MapNode map = new MapNode(line(m));
        for (NodeTuple t : m.getValue()) {
          org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
          String key = k instanceof ScalarNode s ? s.getValue() : "<complex key>";
          if (k instanceof ScalarNode s && "<<".equals(s.getValue())) {
            // a merge key: the merged mapping's entries join this one, written values first
            mergeInto(path, map, t.getValueNode(), budget, depth);
            continue;
          }
          map.put(key, line(k), convert(path, t.getValueNode(), budget, depth + 1));
        }
        yield map;
      }
      case SequenceNode s -> {
        ListNode list = new ListNode(line(s));
        for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
          list.add(convert(path, item, budget, depth + 1));
        }
        yield list;
      }
      case ScalarNode s -> scalar(s);
      default -> new Scalar(line(n), "", Scalar.Type.NULL);
    };
  }

  private static void mergeInto(
      String path, MapNode map, org.snakeyaml.engine.v2.nodes.Node merged, int[] budget, int depth)
      throws ParseException {
    if (merged instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          map.put(k.getValue(), line(k), convert(path, t.getValueNode(), budget, depth + 1));
        }
      }
    } else if (merged instanceof SequenceNode s) {
      for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
        mergeInto(path, map, item, budget, depth);
      }
    }
  }

  private static Scalar scalar(ScalarNode s) {
    Tag tag = s.getTag();
    Scalar.Type type;
    if (Tag.BOOL.equals(tag)) {
      type = Scalar.Type.BOOLEAN;
    } else if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      type = Scalar.Type.NUMBER;
    } else if (Tag.NULL.equals(tag)) {
      type = Scalar.Type.NULL;
    } else {
      type = Scalar.Type.STRING;
    }
    int start = line(s);
    // a block scalar's text starts on the line after its indicator
    boolean block =
        s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED;
    return new Scalar(start, s.getValue(), type, block ? start + 1 : start);
  }
}
