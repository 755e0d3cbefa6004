package dev.bulwark.deception.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way bash's grammar does for the simple cases attackers type: words with
 * quotes and backslashes, {@code ;}, {@code &&}, {@code ||}, {@code |}, {@code &}, newlines, and
 * output redirection. Anything fancier (subshells, here-documents) is read as words, which the
 * shell then answers like any unknown input. Linear in the input; the number of steps is capped.
 */
final class Parsed {
  /** How a step relates to the status of the one before it. */
  enum Joiner {
    ALWAYS,
    AND,
    OR
  }

  /** One simple command. */
  record Step(
      List<String> words, Joiner joiner, boolean pipesOut, String redirect, boolean append) {}

  private Parsed() {}

  static List<Step> split(String line, int maxSteps) {
    List<Step> steps = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    Joiner joiner = Joiner.ALWAYS;
    String redirect = null;
    boolean append = false;
    boolean redirectNext = false;
    int n = line.length();
    for (int i = 0; i < n && steps.size() < maxSteps; i++) {
      char c = line.charAt(i);
      if (c == '\'' || c == '"') {
        int end = line.indexOf(c, i + 1);
        if (end < 0) {
          end = n;
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end;
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        word.append(line.charAt(++i));
        inWord = true;
        continue;
      }
      boolean op =
          c == ';' || c == '&' || c == '|' || c == '\n' || c == '\r' || c == '>' || c == '<';
      if (Character.isWhitespace(c) && c != '\n' && c != '\r' || op) {
        if (inWord) {
          String w = word.toString();
          if (redirectNext) {
            redirect = w;
            redirectNext = false;
          } else if (!(w.matches("[12]") && c == '>')) {
            words.add(w);
          }
          word.setLength(0);
          inWord = false;
        }
        if (!op) {
          continue;
        }
        if (c == '>' || c == '<') {
          if (c == '>' && i + 1 < n && line.charAt(i + 1) == '>') {
            append = true;
            i++;
          }
          if (i + 1 < n && line.charAt(i + 1) == '&') {
            // 2>&1: a duplication, not a file
            i += 2;
            continue;
          }
          redirectNext = c == '>';
          if (c == '<') {
            redirectNext = false;
          }
          continue;
        }
        boolean pipe = c == '|' && !(i + 1 < n && line.charAt(i + 1) == '|');
        Joiner next = Joiner.ALWAYS;
        if (c == '&' && i + 1 < n && line.charAt(i + 1) == '&') {
          next = Joiner.AND;
          i++;
        } else if (c == '|' && i + 1 < n && line.charAt(i + 1) == '|') {
          next = Joiner.OR;
          i++;
        }
        if (!words.isEmpty()) {
          steps.add(new Step(List.copyOf(words), joiner, pipe, redirect, append));
        }
        words.clear();
        redirect = null;
        append = false;
        joiner = next;
        continue;
      }
      word.append(c);
      inWord = true;
    }
    if (inWord) {
      if (redirectNext) {
        redirect = word.toString();
      } else {
        words.add(word.toString());
      }
    }
    if (!words.isEmpty() && steps.size() < maxSteps) {
      steps.add(new Step(List.copyOf(words), joiner, false, redirect, append));
    }
    return steps;
  }
}
