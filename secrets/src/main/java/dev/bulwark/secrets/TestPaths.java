package dev.bulwark.secrets;

import java.util.Locale;
import java.util.Set;

/** Recognises test code and test data by path, where credentials are usually throwaway. */
final class TestPaths {
  private static final Set<String> DIRS =
      Set.of(
          "test",
          "tests",
          "__tests__",
          "spec",
          "specs",
          "testdata",
          "test-data",
          "test_data",
          "fixtures",
          "__fixtures__",
          "__mocks__",
          "mocks",
          "e2e",
          "testing",
          "it");

  private TestPaths() {}

  static boolean isTest(String path) {
    String p = path.replace('\\', '/');
    int bang = p.lastIndexOf("!/");
    String[] parts = p.substring(bang < 0 ? 0 : bang + 2).split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (DIRS.contains(parts[i].toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    String name = parts[parts.length - 1];
    String lower = name.toLowerCase(Locale.ROOT);
    return name.matches(".*(Test|Tests|IT|Spec)\\.(java|kt|scala|groovy|cs)")
        || lower.matches(".*_test\\.(go|py|rb|rs|exs?)")
        || lower.matches("test_.*\\.py")
        || lower.matches(".*\\.(test|spec)\\.[jt]sx?")
        || lower.matches(".*_spec\\.rb");
  }
}
