package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Html;
import dev.bulwark.mail.message.MailMessage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML body holds words the reader never sees — in elements styled invisible, zero-sized or
 * transparent — and that the visible text does not repeat: filler written for filters. A
 * newsletter's hidden preview line is one short sentence, and responsive layouts hide copies of
 * what is shown elsewhere, so only {@value #MANY_WORDS} or more unseen words count.
 */
final class HiddenText implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "hidden-text",
          3,
          Weight.PRIMARY,
          Part.STRUCTURE,
          "The HTML body holds many words the reader does not see");

  static final int MANY_WORDS = 25;

  /** Bytes of an element's content that are read to find its end. */
  private static final int MAX_ELEMENT = 20_000;

  private static final Pattern HIDING_TAG =
      Pattern.compile(
          "(?is)<([a-z][a-z0-9]*)\\b[^>]*?style\\s*=\\s*([\"'])([^\"']*?"
              + "(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?:\\.0+)?(?:px|pt|em|rem|%)?\\s*(?:;|$)"
              + "|font-size\\s*:\\s*[01]px|opacity\\s*:\\s*0(?:\\.0+)?\\s*(?:;|$)|(?:max-)?height\\s*:\\s*0(?:px)?\\s*;[^\"']*overflow\\s*:\\s*hidden)"
              + "[^\"']*)\\2[^>]*>");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String html = m.htmlBody();
    if (html == null || html.isBlank()) {
      return;
    }
    StringBuilder hidden = new StringBuilder();
    StringBuilder visible = new StringBuilder();
    Matcher t = HIDING_TAG.matcher(html);
    int shownFrom = 0;
    while (t.find()) {
      if (t.start() < shownFrom) {
        continue;
      }
      int end = elementEnd(html, t.group(1).toLowerCase(Locale.ROOT), t.end());
      visible.append(html, shownFrom, t.start()).append(' ');
      hidden.append(Html.text(html.substring(t.end(), end))).append(' ');
      shownFrom = end;
    }
    visible.append(html.substring(shownFrom));
    Set<String> seen = words(Html.text(visible.toString()));
    int unseen = 0;
    String sample = null;
    Matcher w = WORD.matcher(hidden);
    while (w.find()) {
      String word = w.group().toLowerCase(Locale.ROOT);
      if (!seen.contains(word)) {
        unseen++;
        if (sample == null) {
          int s = Math.max(0, w.start());
          sample = hidden.substring(s, Math.min(hidden.length(), s + 60)).strip();
        }
      }
    }
    if (unseen >= MANY_WORDS) {
      out.add(
          "the HTML body hides " + unseen + " words the reader does not see",
          "body:html hidden:" + Locations.clip(sample.replaceAll("\\s+", " ")));
    }
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher w = WORD.matcher(text);
    while (w.find()) {
      out.add(w.group().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** Where the element opened just before {@code from} ends (after its closing tag). */
  static int elementEnd(String html, String tag, int from) {
    Pattern p = Pattern.compile("(?i)<(/?)" + Pattern.quote(tag) + "\\b[^>]*>");
    Matcher x = p.matcher(html);
    x.region(from, Math.min(html.length(), from + MAX_ELEMENT));
    int depth = 1;
    while (x.find()) {
      depth += x.group(1).isEmpty() ? (x.group().endsWith("/>") ? 0 : 1) : -1;
      if (depth == 0) {
        return x.end();
      }
    }
    return Math.min(html.length(), from + MAX_ELEMENT);
  }
}
