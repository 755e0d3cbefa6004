package dev.bulwark.yara.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.yara.modules.YaraModule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for the file parsers of the {@code pe}, {@code elf} and {@code dotnet} modules: any
 * bytes give a structure (fields undefined where the file does not say) without an unchecked
 * exception, and every function in it answers any of a few argument shapes with a value or
 * undefined. Plain JUnit replays the seed corpora in {@code
 * src/test/resources/dev/bulwark/yara/fuzz/ModuleParserFuzzTestInputs/}: YARA's {@code tiny} PE and
 * {@code elf_with_imports} (BSD 3-Clause, see the samples' LICENSE.md), their headers alone, and
 * hand-made files with a resource tree that points at itself, an import table that runs off the
 * file and section and segment counts far beyond the file. {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModuleParserFuzzTest {
  private static final Map<String, YaraModule> MODULES = YaraModule.standard();

  /** Argument lists tried on every function a structure holds. */
  private static final List<List<Object>> ARGUMENTS =
      List.of(
          List.of(),
          List.of(0L),
          List.of(-1L),
          List.of(0x1000L),
          List.of(bytes("kernel32.dll")),
          List.of(bytes(".text")),
          List.of(bytes("kernel32.dll"), bytes("ExitProcess")),
          List.of(bytes("kernel32.dll"), 1L),
          List.of(bytes("KERNEL32.dll"), bytes("ExitProcess"), 0L),
          List.of(0L, 0L),
          List.of(Long.MAX_VALUE, Long.MIN_VALUE));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @FuzzTest(maxDuration = "30s")
  void peModule_neverThrowsUnchecked(byte[] input) {
    walk(MODULES.get("pe").load(ByteBuffer.wrap(input)));
  }

  @FuzzTest(maxDuration = "30s")
  void elfModule_neverThrowsUnchecked(byte[] input) {
    walk(MODULES.get("elf").load(ByteBuffer.wrap(input)));
  }

  @FuzzTest(maxDuration = "30s")
  void dotnetModule_neverThrowsUnchecked(byte[] input) {
    walk(MODULES.get("dotnet").load(ByteBuffer.wrap(input)));
  }

  /** Undefined values (null) are legal and have nothing inside. */
  private static void push(Deque<Object> todo, Object v) {
    if (v != null) {
      todo.push(v);
    }
  }

  /** Visits every value once, calling each function with every argument list. */
  private static void walk(Object root) {
    Deque<Object> todo = new ArrayDeque<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    push(todo, root);
    while (!todo.isEmpty()) {
      Object v = todo.pop();
      if (v == null || seen.put(v, Boolean.TRUE) != null) {
        continue;
      }
      switch (v) {
        case Map<?, ?> m -> m.values().forEach(x -> push(todo, x));
        case List<?> l -> l.forEach(x -> push(todo, x));
        case YaraModule.Dict d -> d.entries().values().forEach(x -> push(todo, x));
        case YaraModule.Fn f -> {
          for (List<Object> args : ARGUMENTS) {
            push(todo, f.call(args));
          }
        }
        case Long l -> {}
        case Double d -> {}
        case byte[] b -> {}
        case Boolean b -> {}
        default -> throw new AssertionError("a module value of an unknown type: " + v.getClass());
      }
    }
  }
}
