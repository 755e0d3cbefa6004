package dev.bulwark.port.translate;

import dev.bulwark.port.c.CType;
import java.util.ArrayList;
import java.util.List;

/** A C function's safe Rust signature, parameter by parameter, with what it returns. */
public record PortSignature(
    String cName, String rustName, List<Arg> args, CType returnType, ListShape returnList) {
  public PortSignature {
    args = List.copyOf(args);
  }

  /** A signature that returns no list. */
  public PortSignature(String cName, String rustName, List<Arg> args, CType returnType) {
    this(cName, rustName, args, returnType, null);
  }

  public List<Arg.Out> outs() {
    return args.stream().filter(a -> a instanceof Arg.Out).map(a -> (Arg.Out) a).toList();
  }

  /** The Rust types the function returns, in order: the C return value, then each out-parameter. */
  public List<String> returnTypes() {
    List<String> out = new ArrayList<>();
    if (Translator.ownedString(returnType)) {
      out.add("String");
    } else if (returnType instanceof CType.Ptr p && p.target() instanceof CType.Struct st) {
      // the translator allows a struct pointer return only for a list the caller then owns
      out.add("Option<Box<" + st.rustName() + ">>");
    } else if (!(returnType instanceof CType.Void)) {
      out.add(Types.rust(returnType));
    }
    for (Arg.Out o : outs()) {
      out.add(Types.rust(o.type()));
    }
    return out;
  }

  public String rustReturn() {
    List<String> r = returnTypes();
    return r.isEmpty() ? "" : r.size() == 1 ? r.get(0) : "(" + String.join(", ", r) + ")";
  }

  /** {@code pub fn name(a: i32, buf: &[u8]) -> u32}. */
  public String render() {
    List<String> ps = new ArrayList<>();
    for (Arg a : args) {
      String n = Names.ident(a.name());
      switch (a) {
        case Arg.Scalar s -> ps.add(n + ": " + Types.rust(s.type()));
        case Arg.Slice s ->
            ps.add(n + ": " + (s.mutable() ? "&mut [" : "&[") + s.elem().rust() + "]");
        case Arg.Str s -> ps.add(n + ": &str");
        case Arg.InOut s -> ps.add(n + ": &mut " + s.type().rust());
        case Arg.Linked l ->
            ps.add(n + ": " + (l.owned() ? "" : "&") + "Option<Box<" + l.type().rustName() + ">>");
        case Arg.StructRef s ->
            ps.add(n + ": " + (s.mutable() ? "&mut " : "&") + s.type().rustName());
        case Arg.Len l -> {}
        case Arg.Out o -> {}
      }
    }
    String ret = rustReturn();
    return "pub fn "
        + rustName
        + "("
        + String.join(", ", ps)
        + ")"
        + (ret.isEmpty() ? "" : " -> " + ret);
  }

  /** Whether the differential tester can generate inputs for every parameter. */
  public boolean differentiallyTestable() {
    if (!(returnType instanceof CType.Int
        || returnType instanceof CType.Bool
        || returnType instanceof CType.Void
        || Translator.ownedString(returnType)
        || returnList != null && returnList.testable())) {
      return false;
    }
    for (Arg a : args) {
      if (a instanceof Arg.StructRef || a instanceof Arg.Linked l && !l.shape().testable()) {
        return false;
      }
      if (a instanceof Arg.Out o
          && !(o.type() instanceof CType.Int || o.type() instanceof CType.Bool)) {
        return false;
      }
      if (a instanceof Arg.Scalar s
          && !(s.type() instanceof CType.Int || s.type() instanceof CType.Bool)) {
        return false;
      }
    }
    return true;
  }
}
