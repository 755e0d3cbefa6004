package dev.bulwark.threatmodel.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML and JSON (JSON read as YAML 1.2, so both keep their lines) into {@link Tree}s.
 *
 * <p>Bounded: at most {@link #MAX_BYTES} per file, few aliases to collections (a billion-laughs
 * file fails fast), and a node and depth budget for what aliases expand to. Threagile's models use
 * YAML merge keys ({@code <<: *base}); they are applied here, written values winning.
 */
public final class Documents {
  public static final int MAX_BYTES = 8 * 1024 * 1024;
  private static final int MAX_NODES = 1_000_000;
  private static final int MAX_DEPTH = 100;

  private Documents() {}

  public static Tree read(Path file) throws ModelException {
    String name = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ModelException(name, 1, "", "larger than " + MAX_BYTES + " bytes");
      }
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ModelException(name, 1, "", "not UTF-8 text");
    } catch (IOException e) {
      throw new ModelException(name, 1, "", "cannot read: " + e.getMessage());
    }
  }

  public static Tree parse(String name, String text) throws ModelException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setCodePointLimit(MAX_BYTES)
            .setMaxAliasesForCollections(200)
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setUseMarks(true)
            .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      throw new ModelException(name, line, "", "not valid YAML/JSON: " + firstLine(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new ModelException(name, 1, "", "not valid YAML/JSON: " + firstLine(e.getMessage()));
    }
    if (root.isEmpty()) {
      return new Tree.MapNode(name, 1, "", Map.of(), Map.of());
    }
    return convert(name, root.get(), "", new int[] {MAX_NODES}, 0);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int line(Node n) {
    return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  private static Tree convert(String file, Node n, String path, int[] budget, int depth)
      throws ModelException {
    if (--budget[0] < 0) {
      throw new ModelException(file, line(n), path, "more than " + MAX_NODES + " nodes");
    }
    if (depth > MAX_DEPTH) {
      throw new ModelException(file, line(n), path, "nested deeper than " + MAX_DEPTH);
    }
    return switch (n) {
      case MappingNode m -> {
        Map<String, Tree> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && "<<".equals(k.getValue())) {
            collectMerged(file, t.getValueNode(), merged, path);
            continue;
          }
          put(file, t, path, entries, lines, budget, depth, true);
        }
        for (NodeTuple t : merged) {
          put(file, t, path, entries, lines, budget, depth, false);
        }
        yield new Tree.MapNode(file, line(m), path, entries, lines);
      }
      case SequenceNode s -> {
        List<Tree> items = new ArrayList<>();
        int i = 0;
        for (Node item : s.getValue()) {
          items.add(convert(file, item, path + "/" + i++, budget, depth + 1));
        }
        yield new Tree.ListNode(file, line(s), path, items);
      }
      case ScalarNode s ->
          new Tree.Scalar(file, line(s), path, s.getValue(), Tag.NULL.equals(s.getTag()));
      default -> new Tree.Scalar(file, line(n), path, "", true);
    };
  }

  private static void put(
      String file,
      NodeTuple t,
      String path,
      Map<String, Tree> entries,
      Map<String, Integer> lines,
      int[] budget,
      int depth,
      boolean written)
      throws ModelException {
    if (!(t.getKeyNode() instanceof ScalarNode k)) {
      throw new ModelException(file, line(t.getKeyNode()), path, "a key must be a single value");
    }
    String key = k.getValue();
    if (!written && entries.containsKey(key)) {
      return;
    }
    String child = path.isEmpty() ? key : path + "/" + key;
    entries.put(key, convert(file, t.getValueNode(), child, budget, depth + 1));
    lines.putIfAbsent(key, line(k));
  }

  private static void collectMerged(String file, Node merged, List<NodeTuple> out, String path)
      throws ModelException {
    if (merged instanceof MappingNode m) {
      out.addAll(m.getValue());
    } else if (merged instanceof SequenceNode s) {
      for (Node item : s.getValue()) {
        collectMerged(file, item, out, path);
      }
    } else {
      throw new ModelException(file, line(merged), path, "'<<' must merge a mapping");
    }
  }
}
