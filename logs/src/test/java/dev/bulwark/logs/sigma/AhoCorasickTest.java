package dev.bulwark.logs.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {
  /** Needles over a small alphabet (with a non-ASCII letter) so that they overlap and nest. */
  private static String word(Random r, int min, int max) {
    String alphabet = "abc\\.é";
    StringBuilder b = new StringBuilder();
    int n = min + r.nextInt(max - min + 1);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  @Test
  void findsExactlyTheNeedlesATextContains() {
    Random r = new Random(32);
    for (int round = 0; round < 200; round++) {
      List<String> needles = new ArrayList<>();
      int count = 1 + r.nextInt(40);
      for (int i = 0; i < count; i++) {
        needles.add(word(r, 1, 6)); // RuleIndex never asks for an empty needle
      }
      AhoCorasick ac = new AhoCorasick(needles);
      for (int t = 0; t < 20; t++) {
        String text = word(r, 0, 30);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int id = 0; id < needles.size(); id++) {
          if (text.contains(needles.get(id))) {
            expected.add(id);
          }
        }
        TreeSet<Integer> found = new TreeSet<>();
        ac.search(text, found::add);
        assertEquals(expected, found, needles + " in '" + text + "'");
      }
    }
  }

  @Test
  void aNeedleSharingThePrefixOfAnotherIsFoundInsideIt() {
    AhoCorasick ac = new AhoCorasick(List.of("\\cmd.exe", "cmd", "md.e", "powershell"));
    TreeSet<Integer> found = new TreeSet<>();
    ac.search("c:\\windows\\system32\\cmd.exe /c whoami", found::add);
    assertEquals(new TreeSet<>(List.of(0, 1, 2)), found);
  }
}
