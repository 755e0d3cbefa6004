package dev.bulwark.yara.engine;

import dev.bulwark.yara.lang.Ast;
import dev.bulwark.yara.lang.Ast.Modifiers;
import dev.bulwark.yara.lang.Ast.Rule;
import dev.bulwark.yara.lang.Ast.StringDef;
import dev.bulwark.yara.lang.Parser;
import dev.bulwark.yara.lang.YaraSyntaxException;
import dev.bulwark.yara.modules.YaraModule;
import dev.bulwark.yara.regex.Hex;
import dev.bulwark.yara.regex.Node;
import dev.bulwark.yara.regex.Program;
import dev.bulwark.yara.regex.Regex;
import dev.bulwark.yara.regex.RegexSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule set compiled once: every string turned into its variants, the atoms of all of them in one
 * Aho–Corasick automaton, and the conditions ready to evaluate. Immutable and safe to share between
 * scanning threads.
 */
public final class CompiledRules {
  final List<CRule> rules;
  final List<CString> strings;
  final AhoCorasick automaton;
  final int[] atomString;
  final int[] atomVariant;
  final int[] atomOffset;
  final int[] atomLength;
  final int[][] fullScan; // {string, variant} pairs with no atom
  final Set<String> imports;
  final Map<String, YaraModule> modules;
  final Set<String> externalNames;

  record CRule(Rule rule, Map<String, Integer> stringIndex, int firstString, int stringCount) {}

  record CString(StringDef def, int rule, List<Variant> variants) {}

  /** A rule set read back from its stored form ({@link RulesCodec}). */
  CompiledRules(
      List<CRule> rules,
      List<CString> strings,
      AhoCorasick automaton,
      int[] atomString,
      int[] atomVariant,
      int[] atomOffset,
      int[] atomLength,
      int[][] fullScan,
      Set<String> imports,
      Map<String, YaraModule> modules,
      Set<String> externalNames) {
    this.rules = List.copyOf(rules);
    this.strings = List.copyOf(strings);
    this.automaton = automaton;
    this.atomString = atomString;
    this.atomVariant = atomVariant;
    this.atomOffset = atomOffset;
    this.atomLength = atomLength;
    this.fullScan = fullScan;
    this.imports = imports;
    this.modules = modules;
    this.externalNames = externalNames;
  }

  private CompiledRules(
      List<CRule> rules,
      List<CString> strings,
      Set<String> imports,
      Map<String, YaraModule> modules,
      Set<String> externalNames) {
    this.rules = rules;
    this.strings = strings;
    this.imports = imports;
    this.modules = modules;
    this.externalNames = externalNames;
    List<byte[]> atoms = new ArrayList<>();
    List<int[]> meta = new ArrayList<>();
    List<int[]> full = new ArrayList<>();
    for (int s = 0; s < strings.size(); s++) {
      List<Variant> vs = strings.get(s).variants();
      for (int v = 0; v < vs.size(); v++) {
        List<Variant.Atom> as = vs.get(v).atoms();
        if (as.isEmpty()) {
          full.add(new int[] {s, v});
        }
        for (Variant.Atom a : as) {
          atoms.add(a.bytes());
          meta.add(new int[] {s, v, a.offset(), a.bytes().length});
        }
      }
    }
    this.automaton = new AhoCorasick(atoms);
    this.atomString = meta.stream().mapToInt(x -> x[0]).toArray();
    this.atomVariant = meta.stream().mapToInt(x -> x[1]).toArray();
    this.atomOffset = meta.stream().mapToInt(x -> x[2]).toArray();
    this.atomLength = meta.stream().mapToInt(x -> x[3]).toArray();
    this.fullScan = full.toArray(int[][]::new);
  }

  public int ruleCount() {
    return rules.size();
  }

  public int stringCount() {
    return strings.size();
  }

  /** Names of the rules, private ones included. */
  public List<String> ruleNames() {
    return rules.stream().map(r -> r.rule().name()).toList();
  }

  /** The module members a rule may use, by module (for the parser's checks). */
  static Map<String, Set<String>> catalog(Map<String, YaraModule> modules) {
    Map<String, Set<String>> m = new HashMap<>();
    modules.forEach((k, v) -> m.put(k, v.members()));
    return m;
  }

  /**
   * Compiles rule files: each is parsed on its own (includes resolved inside {@code includeRoot} or
   * its own folder) and all are combined into one set.
   */
  public static CompiledRules compile(List<Path> files, Set<String> externals)
      throws YaraSyntaxException, IOException {
    return compile(files, externals, new ArrayList<>());
  }

  /** As {@link #compile(List, Set)}, adding every file read (includes too) to {@code sources}. */
  static CompiledRules compile(List<Path> files, Set<String> externals, List<Parser.Source> sources)
      throws YaraSyntaxException, IOException {
    Map<String, YaraModule> modules = YaraModule.standard();
    List<Rule> all = new ArrayList<>();
    Set<String> imports = new LinkedHashSet<>();
    Set<String> names = new java.util.HashSet<>();
    for (Path f : files) {
      Parser p =
          new Parser(catalog(modules), externals, f.toAbsolutePath().normalize().getParent());
      Ast.RuleFile rf = p.parseFile(f);
      sources.addAll(p.sources());
      imports.addAll(rf.imports());
      for (Rule r : rf.rules()) {
        if (!names.add(r.name())) {
          throw new YaraSyntaxException(
              r.file(), r.line(), 1, "duplicated identifier \"" + r.name() + "\"");
        }
        all.add(r);
      }
    }
    return build(all, imports, modules, externals);
  }

  /** Compiles rule text (includes resolved inside {@code includeRoot}, none when null). */
  public static CompiledRules compileText(
      String name, String text, Set<String> externals, Path includeRoot)
      throws YaraSyntaxException {
    Map<String, YaraModule> modules = YaraModule.standard();
    Ast.RuleFile rf = new Parser(catalog(modules), externals, includeRoot).parseText(name, text);
    return build(rf.rules(), new LinkedHashSet<>(rf.imports()), modules, externals);
  }

  private static CompiledRules build(
      List<Rule> all, Set<String> imports, Map<String, YaraModule> modules, Set<String> externals)
      throws YaraSyntaxException {
    List<CRule> rules = new ArrayList<>();
    List<CString> strings = new ArrayList<>();
    for (int r = 0; r < all.size(); r++) {
      Rule rule = all.get(r);
      Map<String, Integer> index = new HashMap<>();
      int first = strings.size();
      for (StringDef s : rule.strings()) {
        try {
          index.put(s.id(), strings.size());
          strings.add(new CString(s, r, variants(s)));
        } catch (RegexSyntaxException e) {
          throw new YaraSyntaxException(
              rule.file(),
              s.line(),
              1,
              "string $" + s.id() + " in rule " + rule.name() + ": " + e.getMessage());
        }
      }
      rules.add(new CRule(rule, index, first, strings.size() - first));
    }
    return new CompiledRules(rules, strings, imports, modules, Set.copyOf(externals));
  }

  static List<Variant> variants(StringDef s) throws RegexSyntaxException {
    Modifiers m = s.modifiers();
    List<Variant> out = new ArrayList<>();
    switch (s.kind()) {
      case TEXT -> {
        byte[] v = s.value();
        if (m.base64() != null || m.base64wide() != null) {
          if (m.base64() != null) {
            for (byte[] b : Base64Forms.of(v, m.base64())) {
              out.add(new Variant.Literal(b, false, null, false, false));
            }
          }
          if (m.base64wide() != null) {
            for (byte[] b : Base64Forms.of(v, m.base64wide())) {
              out.add(new Variant.Literal(widen(b), false, null, false, true));
            }
          }
          break;
        }
        if (m.matchAscii()) {
          out.add(new Variant.Literal(v, m.nocase(), m.xor(), m.fullword(), false));
        }
        if (m.wide()) {
          out.add(new Variant.Literal(widen(v), m.nocase(), m.xor(), m.fullword(), true));
        }
      }
      case HEX -> {
        Node n = s.pattern() != null ? s.pattern() : Hex.parse(s.source());
        out.add(new Variant.Pattern(n, Program.compile(n), false, false));
      }
      case REGEX -> {
        Node n =
            s.pattern() != null
                ? s.pattern()
                : Regex.parse(
                    s.source(), s.flags().contains("i") || m.nocase(), s.flags().contains("s"));
        if (m.matchAscii()) {
          out.add(new Variant.Pattern(n, Program.compile(n), m.fullword(), false));
        }
        if (m.wide()) {
          Node w = wideNode(n);
          out.add(new Variant.Pattern(w, Program.compile(w), m.fullword(), true));
        }
      }
    }
    return out;
  }

  static byte[] widen(byte[] v) {
    byte[] w = new byte[v.length * 2];
    for (int i = 0; i < v.length; i++) {
      w[i * 2] = v[i];
    }
    return w;
  }

  private static Node wideNode(Node n) {
    return switch (n) {
      case Node.Bytes b -> new Node.Concat(List.of(b, Node.Bytes.of(0)));
      case Node.Concat c ->
          new Node.Concat(c.items().stream().map(CompiledRules::wideNode).toList());
      case Node.Alt a -> new Node.Alt(a.items().stream().map(CompiledRules::wideNode).toList());
      case Node.Repeat r -> new Node.Repeat(wideNode(r.body()), r.min(), r.max(), r.greedy());
      default -> n;
    };
  }

  /** The stable parts of the three base64 encodings of a text, in a given alphabet. */
  static final class Base64Forms {
    static List<byte[]> of(byte[] text, String alphabet) {
      List<byte[]> out = new ArrayList<>();
      for (int shift = 0; shift < 3; shift++) {
        byte[] in = new byte[text.length + shift];
        System.arraycopy(text, 0, in, shift, text.length);
        String enc = java.util.Base64.getEncoder().encodeToString(in);
        int pad = (int) enc.chars().filter(ch -> ch == '=').count();
        enc = enc.substring(0, enc.length() - pad);
        int rem = in.length % 3;
        int dropTail = rem == 0 ? 0 : 1;
        int dropHead = shift == 0 ? 0 : shift == 1 ? 2 : 3;
        if (enc.length() - dropTail <= dropHead) {
          continue;
        }
        String stable = enc.substring(dropHead, enc.length() - dropTail);
        StringBuilder mapped = new StringBuilder();
        for (char c : stable.toCharArray()) {
          mapped.append(alphabet.charAt(Modifiers.STANDARD.indexOf(c)));
        }
        out.add(mapped.toString().getBytes(StandardCharsets.ISO_8859_1));
      }
      return out;
    }
  }
}
