package dev.bulwark.port.c;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's call graph and type graph, the bottom-up order of the work (types, then leaf
 * functions, then their callers) and the hazards of each function.
 */
public record Analysis(
    Map<String, Set<String>> calls,
    Map<String, Set<String>> typeUses,
    List<String> order,
    Map<String, Set<Hazard>> hazards) {

  private static final Set<String> ALLOC =
      Set.of("malloc", "calloc", "realloc", "free", "strdup", "strndup");
  private static final Set<String> UNCHECKED =
      Set.of(
          "strcpy",
          "strcat",
          "sprintf",
          "vsprintf",
          "gets",
          "memcpy",
          "memmove",
          "memset",
          "strncpy",
          "strncat",
          "scanf",
          "sscanf");

  public static Analysis of(CProgram program) {
    Map<String, Set<String>> calls = new LinkedHashMap<>();
    Map<String, Set<String>> typeUses = new LinkedHashMap<>();
    Map<String, Set<Hazard>> hazards = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    program.functions().forEach(f -> names.add(f.name()));
    for (CFunction f : program.functions()) {
      Set<String> callees = new LinkedHashSet<>();
      Set<String> types = new LinkedHashSet<>();
      EnumSet<Hazard> hz = EnumSet.noneOf(Hazard.class);
      Map<String, CType> vars = new HashMap<>();
      for (CFunction.Param p : f.params()) {
        vars.put(p.name(), p.type());
        collectTypes(p.type(), types, program);
      }
      collectTypes(f.returnType(), types, program);
      if (f.variadic()) {
        hz.add(Hazard.VARARGS);
      }
      f.body()
          .walk(n -> {
            switch (n.type()) {
              case "declaration" -> {
                for (CNode d : n.children("declarator")) {
                  String name = declaredName(d);
                  CNode inner = d.is("init_declarator") ? d.child("declarator").orElse(d) : d;
                  if (name != null) {
                    vars.put(
                        name,
                        inner.is("pointer_declarator")
                            ? new CType.Ptr(CType.INT, false)
                            : inner.is("array_declarator")
                                ? new CType.Array(CType.INT, null)
                                : CType.INT);
                  }
                }
                n.child("type")
                    .ifPresent(t -> {
                      if (t.is("union_specifier")) {
                        hz.add(Hazard.UNION);
                      }
                      if (t.is("struct_specifier") || t.is("type_identifier")) {
                        String sn =
                            t.is("type_identifier")
                                ? t.text()
                                : t.child("name").map(CNode::text).orElse("");
                        program.structs().values().stream()
                            .filter(s ->
                                s.cName().equals(sn)
                                    || s.rustName().equals(CFrontEnd.rustTypeName(sn)))
                            .forEach(s -> types.add(s.cName()));
                      }
                      if (t.text().equals("va_list") || t.text().contains("va_list")) {
                        hz.add(Hazard.VARARGS);
                      }
                    });
              }
              case "call_expression" -> {
                String callee = n.child("function").map(CNode::text).orElse("");
                if (names.contains(callee)) {
                  callees.add(callee);
                }
                if (ALLOC.contains(callee)) {
                  hz.add(Hazard.MANUAL_ALLOCATION);
                }
                if (UNCHECKED.contains(callee)) {
                  hz.add(Hazard.UNCHECKED_BUFFER);
                }
                if (callee.startsWith("__builtin_va") || callee.startsWith("va_")) {
                  hz.add(Hazard.VARARGS);
                }
              }
              case "binary_expression" -> {
                if ((n.operator().equals("+") || n.operator().equals("-"))
                    && (isPointer(n.child("left").orElse(null), vars)
                        || isPointer(n.child("right").orElse(null), vars))) {
                  hz.add(Hazard.POINTER_ARITHMETIC);
                }
              }
              case "update_expression" -> {
                if (isPointer(n.child("argument").orElse(null), vars)) {
                  hz.add(Hazard.POINTER_ARITHMETIC);
                }
              }
              case "assignment_expression" -> {
                String op = n.operator();
                if ((op.equals("+=") || op.equals("-="))
                    && isPointer(n.child("left").orElse(null), vars)) {
                  hz.add(Hazard.POINTER_ARITHMETIC);
                }
              }
              case "subscript_expression" -> {
                CNode arr = n.child("argument").orElse(null);
                if (arr != null
                    && arr.is("identifier")
                    && vars.get(arr.text()) instanceof CType.Ptr) {
                  // an index into memory whose length the function cannot see
                  hz.add(Hazard.UNCHECKED_BUFFER);
                }
              }
              case "union_specifier" -> hz.add(Hazard.UNION);
              default -> {}
            }
          });
      for (CFunction.Param p : f.params()) {
        if (p.type() instanceof CType.Other o && o.text().startsWith("union")) {
          hz.add(Hazard.UNION);
        }
      }
      calls.put(f.name(), callees);
      typeUses.put(f.name(), types);
      hazards.put(f.name(), hz);
    }
    for (CStruct s : program.structs().values()) {
      Set<String> types = new LinkedHashSet<>();
      s.fields().forEach(fl -> collectTypes(fl.type(), types, program));
      types.remove(s.cName());
      typeUses.put("struct " + s.cName(), types);
    }
    List<String> order = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CFunction f : program.functions()) {
      visit(f.name(), calls, seen, order);
    }
    return new Analysis(calls, typeUses, order, hazards);
  }

  private static void visit(
      String f, Map<String, Set<String>> calls, Set<String> seen, List<String> order) {
    if (!seen.add(f)) {
      return;
    }
    for (String c : calls.getOrDefault(f, Set.of())) {
      visit(c, calls, seen, order);
    }
    order.add(f);
  }

  private static String declaredName(CNode d) {
    CNode n = d;
    while (!n.is("identifier")) {
      CNode next = n.child("declarator").orElse(null);
      if (next == null) {
        return null;
      }
      n = next;
    }
    return n.text();
  }

  private static boolean isPointer(CNode n, Map<String, CType> vars) {
    if (n == null) {
      return false;
    }
    if (n.is("parenthesized_expression") && !n.named().isEmpty()) {
      return isPointer(n.named().get(0), vars);
    }
    return n.is("identifier") && vars.get(n.text()) instanceof CType.Ptr;
  }

  private static void collectTypes(CType t, Set<String> out, CProgram program) {
    switch (t) {
      case CType.Struct s -> out.add(s.cName());
      case CType.Ptr p -> collectTypes(p.target(), out, program);
      case CType.Array a -> collectTypes(a.elem(), out, program);
      default -> {}
    }
  }

  /** Every project function that (transitively) calls f, so a rejected f can take them along. */
  public Set<String> callersOf(String f) {
    Set<String> out = new LinkedHashSet<>();
    boolean grew = true;
    Set<String> frontier = new HashSet<>(Set.of(f));
    while (grew) {
      grew = false;
      for (var e : calls.entrySet()) {
        if (!out.contains(e.getKey()) && e.getValue().stream().anyMatch(frontier::contains)) {
          out.add(e.getKey());
          frontier.add(e.getKey());
          grew = true;
        }
      }
    }
    return out;
  }
}
