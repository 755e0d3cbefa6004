package dev.bulwark.code.specs;

import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.LibraryEntry;
import dev.bulwark.core.model.Confidence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Specifications read from a dependency's bytecode: for every public method of a public class, a
 * data-flow over its instructions (ASM's frame analysis, values marked with the parameters they
 * come from) finds parameters that reach a known sink (a sink wrapper), results that come from a
 * known source, results that a known sanitizer made from a parameter, and parameters stored into
 * the receiver (a propagator to the object). Calls between the jar's own methods use the summaries
 * of the callees, iterated a few rounds, so a public method that reaches a sink through a private
 * helper is found too. Every spec found here is verified by construction: the bytecode does it.
 */
final class BytecodeSpecs {
  /** Methods larger than this are skipped: generated parsers, not wrappers. */
  private static final int MAX_INSTRUCTIONS = 4000;

  private static final int ROUNDS = 3;

  /** What a method does with its parameters, as far as its bytecode shows. */
  record Summary(
      Map<Integer, Set<KnownApi.Sink>> sinks,
      String returnsSource,
      Set<Category> sourceDangerous,
      Map<Integer, Set<Category>> sanitizes,
      Set<Integer> toReceiver,
      Set<Integer> toResult) {
    boolean isEmpty() {
      return sinks.isEmpty()
          && returnsSource == null
          && sanitizes.isEmpty()
          && toReceiver.isEmpty()
          && toResult.isEmpty();
    }
  }

  /** One analysed method of the jar. */
  record Method(ClassNode owner, MethodNode node, String key) {}

  private KnownApi known;
  private final Map<String, ClassNode> classes = new LinkedHashMap<>();
  private final Map<String, Summary> summaries = new HashMap<>();

  /** The classes of one jar; public API methods are summarised by {@link #specs}. */
  void read(Path jar) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      var entries = jf.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        String n = e.getName();
        if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.endsWith("module-info.class")) {
          continue;
        }
        try (InputStream in = jf.getInputStream(e)) {
          ClassNode cn = new ClassNode();
          new ClassReader(in).accept(cn, ClassReader.SKIP_FRAMES);
          classes.put(cn.name, cn);
        } catch (RuntimeException bad) {
          // a class ASM cannot read (a newer class-file version) is one class less, not the jar
        }
      }
    }
  }

  /** The dotted names of the classes read. */
  Set<String> classNames() {
    Set<String> out = new HashSet<>();
    for (String n : classes.keySet()) {
      out.add(dotted(n));
    }
    return out;
  }

  /** Dotted source name of an internal name: {@code a/b/C$D} is {@code a.b.C.D}. */
  static String dotted(String internal) {
    return internal.replace('/', '.').replace('$', '.');
  }

  /** The jar's own supertypes of a class (internal names), then what the caller can see. */
  Set<String> jarAncestors(String dottedName) {
    Set<String> out = new HashSet<>();
    ClassNode cn = classes.get(dottedName.replace('.', '/'));
    if (cn == null) {
      // nested classes: try the $ form from the right
      for (ClassNode c : classes.values()) {
        if (dotted(c.name).equals(dottedName)) {
          cn = c;
          break;
        }
      }
    }
    while (cn != null) {
      out.add(dotted(cn.name));
      for (String i : cn.interfaces) {
        out.add(dotted(i));
      }
      if (cn.superName == null) {
        break;
      }
      out.add(dotted(cn.superName));
      cn = classes.get(cn.superName);
    }
    return out;
  }

  /** Summaries of every public method of every public class, then the specs they amount to. */
  List<Spec> specs(String origin, KnownApi api) {
    this.known = api;
    List<Method> methods = new ArrayList<>();
    for (ClassNode cn : classes.values()) {
      for (MethodNode mn : cn.methods) {
        if ((mn.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
            || mn.instructions.size() == 0
            || mn.instructions.size() > MAX_INSTRUCTIONS
            || (mn.access & Opcodes.ACC_SYNTHETIC) != 0) {
          continue;
        }
        methods.add(new Method(cn, mn, cn.name + "." + mn.name + mn.desc));
      }
    }
    Set<String> changed = null;
    for (int round = 0; round < ROUNDS; round++) {
      Set<String> now = new HashSet<>();
      for (Method m : methods) {
        if (changed != null && !callsAny(m.node, changed)) {
          continue;
        }
        Summary s = summarise(m.owner, m.node);
        Summary before = summaries.get(m.key);
        if (!s.isEmpty() && !s.equals(before)) {
          summaries.put(m.key, s);
          now.add(m.key);
        }
      }
      if (now.isEmpty()) {
        break;
      }
      changed = now;
    }
    List<Spec> out = new ArrayList<>();
    for (Method m : methods) {
      Summary s = summaries.get(m.key);
      if (s == null || !exported(m.owner, m.node)) {
        continue;
      }
      out.addAll(toSpecs(m, s, origin));
    }
    return out;
  }

  private static boolean callsAny(MethodNode mn, Set<String> keys) {
    for (AbstractInsnNode i : mn.instructions) {
      if (i instanceof MethodInsnNode mi && keys.contains(mi.owner + "." + mi.name + mi.desc)) {
        return true;
      }
    }
    return false;
  }

  private boolean exported(ClassNode cn, MethodNode mn) {
    if ((cn.access & Opcodes.ACC_PUBLIC) == 0
        || (mn.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0
        || mn.name.equals("<clinit>")) {
      return false;
    }
    // a nested class is exported only when every class around it is public too
    String n = cn.name;
    while (n.indexOf('$') > 0) {
      n = n.substring(0, n.lastIndexOf('$'));
      ClassNode outer = classes.get(n);
      if (outer != null && (outer.access & Opcodes.ACC_PUBLIC) == 0) {
        return false;
      }
    }
    return !cn.name.matches(".*\\$\\d+$");
  }

  private List<Spec> toSpecs(Method m, Summary s, String origin) {
    String owner = dotted(m.owner.name);
    int arity = Type.getArgumentTypes(m.node.desc).length;
    String where = origin + " " + m.owner.name.replace('/', '.') + "." + m.node.name;
    List<Spec> out = new ArrayList<>();
    Map<String, Set<Integer>> byRule = new LinkedHashMap<>();
    Map<String, KnownApi.Sink> ruleOf = new HashMap<>();
    for (var e : s.sinks.entrySet()) {
      for (KnownApi.Sink k : e.getValue()) {
        byRule.computeIfAbsent(k.rule().id(), x -> new TreeSet<>()).add(e.getKey());
        ruleOf.put(k.rule().id(), k);
      }
    }
    for (var e : byRule.entrySet()) {
      KnownApi.Sink k = ruleOf.get(e.getKey());
      out.add(
          new Spec(
              Spec.Kind.SINK,
              owner,
              m.node.name,
              arity,
              List.copyOf(e.getValue()),
              k.rule().id(),
              k.rule().cwe(),
              Set.of(),
              where,
              Spec.Verdict.VERIFIED,
              Confidence.HIGH,
              "bytecode passes parameter "
                  + e.getValue()
                  + " to a "
                  + k.rule().name().toLowerCase(java.util.Locale.ROOT)
                  + " sink",
              "heuristics"));
    }
    if (s.returnsSource != null && Type.getReturnType(m.node.desc).getSort() >= Type.ARRAY) {
      out.add(
          new Spec(
              Spec.Kind.SOURCE,
              owner,
              m.node.name,
              arity,
              List.of(),
              null,
              0,
              s.sourceDangerous,
              where,
              Spec.Verdict.VERIFIED,
              Confidence.HIGH,
              "bytecode returns " + s.returnsSource,
              "heuristics"));
    }
    for (var e : s.sanitizes.entrySet()) {
      out.add(
          new Spec(
              Spec.Kind.SANITIZER,
              owner,
              m.node.name,
              arity,
              List.of(e.getKey()),
              null,
              0,
              e.getValue(),
              where,
              Spec.Verdict.VERIFIED,
              Confidence.HIGH,
              "bytecode returns parameter " + e.getKey() + " only through a known sanitizer",
              "heuristics"));
    }
    if ((m.node.access & Opcodes.ACC_STATIC) == 0 && !m.node.name.equals("<init>")) {
      if (!s.toReceiver.isEmpty()) {
        List<Integer> from = List.copyOf(new TreeSet<>(s.toReceiver));
        out.add(
            new Spec(
                Spec.Kind.PROPAGATOR,
                owner,
                m.node.name,
                arity,
                from,
                null,
                0,
                Set.of(),
                where,
                Spec.Verdict.VERIFIED,
                Confidence.HIGH,
                "bytecode stores parameter " + from + " into the receiver",
                "heuristics"));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ the data-flow

  /**
   * A value on the operand stack or in a local: the parameters it was computed from (raw), those it
   * holds only as a sanitizer's result with what that cleansed, and the known source it came from.
   * Objects made by NEW are shared between their DUP copies, so the constructor's arguments reach
   * the copy that stays on the stack.
   */
  static final class Flow implements Value {
    final int size;
    final BitSet raw = new BitSet();
    final Map<Integer, Set<Category>> cleansed = new HashMap<>();
    String source;
    Set<Category> sourceDangerous = Set.of();
    boolean self;

    Flow(int size) {
      this.size = size;
    }

    @Override
    public int getSize() {
      return size;
    }

    boolean empty() {
      return raw.isEmpty() && cleansed.isEmpty() && source == null;
    }

    void addAll(Flow o) {
      raw.or(o.raw);
      o.cleansed.forEach((k, v) ->
          cleansed.merge(
              k,
              v,
              (a, b) -> {
                EnumSet<Category> i = EnumSet.noneOf(Category.class);
                i.addAll(a);
                i.retainAll(b);
                return i;
              }));
      if (source == null && o.source != null) {
        source = o.source;
        sourceDangerous = o.sourceDangerous;
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Flow f
          && f.size == size
          && f.raw.equals(raw)
          && f.cleansed.equals(cleansed)
          && java.util.Objects.equals(f.source, source)
          && f.self == self;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(size, raw, cleansed, source, self);
    }
  }

  private Summary summarise(ClassNode cn, MethodNode mn) {
    FlowInterpreter fi = new FlowInterpreter(mn);
    try {
      new Analyzer<>(fi).analyze(cn.name, mn);
    } catch (AnalyzerException | RuntimeException e) {
      return new Summary(Map.of(), null, Set.of(), Map.of(), Set.of(), Set.of());
    }
    Map<Integer, Set<Category>> sanitizes = new HashMap<>();
    Set<Integer> toResult = new TreeSet<>();
    Flow r = fi.returned;
    if (r != null) {
      r.cleansed.forEach((p, cats) -> {
        if (!r.raw.get(p) && !cats.isEmpty()) {
          sanitizes.put(p, cats);
        }
      });
      r.raw.stream().forEach(toResult::add);
    }
    return new Summary(
        Map.copyOf(fi.sinks),
        r == null ? null : r.source,
        r == null ? Set.of() : r.sourceDangerous,
        Map.copyOf(sanitizes),
        Set.copyOf(fi.toReceiver),
        Set.copyOf(toResult));
  }

  /** Receivers whose state grows with their arguments: builders, collections, writers. */
  private static boolean accumulates(String owner, String name) {
    return (owner.startsWith("java/lang/StringBu")
            || owner.startsWith("java/util/")
            || owner.startsWith("java/io/"))
        && (name.startsWith("add")
            || name.startsWith("append")
            || name.startsWith("put")
            || name.startsWith("insert")
            || name.startsWith("write")
            || name.startsWith("offer")
            || name.startsWith("push")
            || name.equals("set"));
  }

  private final class FlowInterpreter extends Interpreter<Flow> {
    private final Map<Integer, Integer> paramOfLocal = new HashMap<>();
    private final boolean isStatic;
    final Map<Integer, Set<KnownApi.Sink>> sinks = new HashMap<>();
    final Set<Integer> toReceiver = new TreeSet<>();
    Flow returned;

    FlowInterpreter(MethodNode mn) {
      super(Opcodes.ASM9);
      isStatic = (mn.access & Opcodes.ACC_STATIC) != 0;
      int local = isStatic ? 0 : 1;
      Type[] args = Type.getArgumentTypes(mn.desc);
      for (int i = 0; i < args.length; i++) {
        paramOfLocal.put(local, i);
        local += args[i].getSize();
      }
    }

    @Override
    public Flow newValue(Type type) {
      if (type == Type.VOID_TYPE) {
        return null;
      }
      return new Flow(type == null ? 1 : type.getSize());
    }

    @Override
    public Flow newParameterValue(boolean isInstanceMethod, int local, Type type) {
      Flow f = new Flow(type.getSize());
      if (isInstanceMethod && local == 0) {
        f.self = true;
        return f;
      }
      Integer p = paramOfLocal.get(local);
      if (p != null && isData(type)) {
        f.raw.set(p);
      }
      return f;
    }

    private boolean isData(Type t) {
      // numbers and booleans cannot carry a path, a script or markup
      return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }

    @Override
    public Flow newOperation(AbstractInsnNode insn) {
      return switch (insn.getOpcode()) {
        case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> new Flow(2);
        case Opcodes.LDC -> {
          Object c = ((org.objectweb.asm.tree.LdcInsnNode) insn).cst;
          yield new Flow(c instanceof Long || c instanceof Double ? 2 : 1);
        }
        case Opcodes.GETSTATIC -> new Flow(Type.getType(((FieldInsnNode) insn).desc).getSize());
        default -> new Flow(1);
      };
    }

    @Override
    public Flow copyOperation(AbstractInsnNode insn, Flow value) {
      return value;
    }

    @Override
    public Flow unaryOperation(AbstractInsnNode insn, Flow value) {
      int op = insn.getOpcode();
      return switch (op) {
        case Opcodes.GETFIELD -> {
          Flow f = new Flow(Type.getType(((FieldInsnNode) insn).desc).getSize());
          // a collection or builder held in a field is part of the receiver's state
          f.self = value.self;
          yield f;
        }
        case Opcodes.CHECKCAST, Opcodes.ARETURN -> value;
        case Opcodes.ARRAYLENGTH, Opcodes.INSTANCEOF -> new Flow(1);
        case Opcodes.NEWARRAY, Opcodes.ANEWARRAY -> new Flow(1);
        case Opcodes.I2L, Opcodes.I2D, Opcodes.F2L, Opcodes.F2D, Opcodes.LNEG, Opcodes.DNEG ->
            new Flow(2);
        case Opcodes.L2D, Opcodes.D2L -> new Flow(2);
        case Opcodes.L2I, Opcodes.L2F, Opcodes.D2I, Opcodes.D2F -> new Flow(1);
        default -> new Flow(1);
      };
    }

    @Override
    public Flow binaryOperation(AbstractInsnNode insn, Flow a, Flow b) {
      int op = insn.getOpcode();
      if (op == Opcodes.PUTFIELD) {
        if (a.self) {
          b.raw.stream().forEach(toReceiver::add);
        }
        return null;
      }
      if (op == Opcodes.AALOAD) {
        Flow f = new Flow(1);
        f.addAll(a);
        return f;
      }
      int size =
          switch (op) {
            case Opcodes.LALOAD,
                Opcodes.DALOAD,
                Opcodes.LADD,
                Opcodes.LSUB,
                Opcodes.LMUL,
                Opcodes.LDIV,
                Opcodes.LREM,
                Opcodes.LSHL,
                Opcodes.LSHR,
                Opcodes.LUSHR,
                Opcodes.LAND,
                Opcodes.LOR,
                Opcodes.LXOR,
                Opcodes.DADD,
                Opcodes.DSUB,
                Opcodes.DMUL,
                Opcodes.DDIV,
                Opcodes.DREM ->
                2;
            default -> 1;
          };
      return new Flow(size);
    }

    @Override
    public Flow ternaryOperation(AbstractInsnNode insn, Flow a, Flow b, Flow c) {
      if (insn.getOpcode() == Opcodes.AASTORE) {
        a.addAll(c); // varargs arrays: Paths.get(first, more...), String.format
      }
      return null;
    }

    @Override
    public Flow naryOperation(AbstractInsnNode insn, List<? extends Flow> values) {
      if (insn instanceof InvokeDynamicInsnNode indy) {
        Flow f = new Flow(Type.getReturnType(indy.desc).getSize());
        if (indy.name.equals("makeConcatWithConstants") || indy.name.equals("makeConcat")) {
          values.forEach(f::addAll);
        }
        return f;
      }
      if (!(insn instanceof MethodInsnNode mi)) {
        return new Flow(1); // MULTIANEWARRAY
      }
      Type ret = Type.getReturnType(mi.desc);
      boolean hasReceiver = mi.getOpcode() != Opcodes.INVOKESTATIC;
      List<? extends Flow> args = hasReceiver ? values.subList(1, values.size()) : values;
      Flow recv = hasReceiver ? values.get(0) : null;
      String owner = dotted(mi.owner);
      checkSinks(owner, mi, recv, args);
      Summary callee = summaries.get(mi.owner + "." + mi.name + mi.desc);
      if (callee != null) {
        for (var e : callee.sinks().entrySet()) {
          if (e.getKey() < args.size()) {
            Flow a = args.get(e.getKey());
            a.raw.stream()
                .forEach(p -> sinks.computeIfAbsent(p, k -> new HashSet<>()).addAll(e.getValue()));
          }
        }
      }
      if (mi.name.equals("<init>") && recv != null) {
        args.forEach(recv::addAll);
        return null;
      }
      if (hasReceiver && recv != null && accumulates(mi.owner, mi.name)) {
        args.forEach(recv::addAll);
        if (recv.self) {
          args.forEach(a -> a.raw.stream().forEach(toReceiver::add));
        }
      }
      if (ret == Type.VOID_TYPE) {
        return null;
      }
      Flow out = new Flow(ret.getSize());
      LibraryEntry.Source src = known.source(owner, mi.name, args.size());
      if (src != null) {
        out.source =
            owner.substring(owner.lastIndexOf('.') + 1)
                + "."
                + mi.name
                + " ("
                + src.description()
                + ")";
        out.sourceDangerous = src.dangerous();
        return out;
      }
      if (callee != null && callee.returnsSource() != null) {
        out.source = callee.returnsSource();
        out.sourceDangerous = callee.sourceDangerous();
      }
      LibraryEntry.Sanitizer san = known.sanitizer(owner, mi.name, args.size());
      if (san != null) {
        Flow in = san.arg() == -1 ? recv : san.arg() < args.size() ? args.get(san.arg()) : null;
        if (in != null) {
          in.raw.stream()
              .forEach(p -> out.cleansed.put(p, EnumSet.copyOf(nonEmpty(san.cleanses()))));
          in.cleansed.forEach((p, c) -> {
            EnumSet<Category> all = EnumSet.copyOf(nonEmpty(san.cleanses()));
            all.addAll(c);
            out.cleansed.put(p, all);
          });
        }
        return out;
      }
      if (callee != null && !callee.sanitizes().isEmpty()) {
        callee
            .sanitizes()
            .forEach((i, c) -> {
              if (i < args.size()) {
                args.get(i).raw.stream()
                    .forEach(p -> out.cleansed.put(p, EnumSet.copyOf(nonEmpty(c))));
              }
            });
        return out;
      }
      if (ret.getSort() == Type.BOOLEAN
          || ret.getSort() == Type.INT
          || ret.getSort() == Type.LONG
          || ret.getSort() == Type.DOUBLE) {
        return out; // a number or a verdict computed from the data carries none of it
      }
      // what no model covers passes its inputs through, as the taint analysis assumes
      values.forEach(out::addAll);
      out.self = false;
      return out;
    }

    private static Set<Category> nonEmpty(Set<Category> c) {
      return c.isEmpty() ? EnumSet.allOf(Category.class) : c;
    }

    private void checkSinks(String owner, MethodInsnNode mi, Flow recv, List<? extends Flow> args) {
      for (KnownApi.Sink s : known.sinks(owner, mi.name, args.size())) {
        for (int idx : s.args()) {
          List<Flow> reached = new ArrayList<>();
          if (idx == -1 && recv != null) {
            reached.add(recv);
          } else if (idx == 99) {
            reached.addAll(args);
          } else if (idx >= 0 && idx < args.size()) {
            reached.add(args.get(idx));
          }
          for (Flow f : reached) {
            f.raw.stream().forEach(p -> sinks.computeIfAbsent(p, k -> new HashSet<>()).add(s));
            f.cleansed.forEach((p, c) -> {
              if (!c.contains(s.rule().category())) {
                sinks.computeIfAbsent(p, k -> new HashSet<>()).add(s);
              }
            });
          }
        }
      }
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Flow value, Flow expected) {
      if (returned == null) {
        returned = new Flow(value.size);
      }
      returned.addAll(value);
    }

    @Override
    public Flow merge(Flow a, Flow b) {
      if (a.equals(b) || (b.empty() && !a.self && !b.self)) {
        return a;
      }
      Flow m = new Flow(Math.min(a.size, b.size));
      m.addAll(a);
      m.addAll(b);
      m.self = a.self && b.self;
      if (m.equals(a)) {
        return a;
      }
      return m;
    }
  }
}
