package dev.bulwark.secrets.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.bulwark.core.analysis.FileTimeBudget;
import dev.bulwark.secrets.rules.Placeholders;
import dev.bulwark.secrets.rules.SecretRule;
import dev.bulwark.secrets.rules.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds secrets in a byte stream. Input is read in chunks of {@value #CHUNK} bytes that overlap by
 * {@value #OVERLAP} bytes, so memory stays bounded whatever the file size. In each chunk a keyword
 * automaton finds where rules could match; only the lines around those keywords are decoded and
 * handed to the rules' RE2 patterns, which run in linear time. Candidates then pass entropy,
 * placeholder, allowlist and validator checks; of overlapping candidates the most specific rule
 * wins. Every snippet is redacted before it leaves the engine.
 *
 * <p>The engine is immutable and thread-safe.
 */
public final class SecretEngine {
  static final int CHUNK = 4 << 20;
  static final int OVERLAP = 64 << 10;
  private static final int MAX_LINE_REACH = 2048;
  private static final int MAX_CANDIDATES_PER_CHUNK = 2000;
  private static final int MAX_VETOES = 10_000;

  /** Hits are collected this many bytes at a time, bounding the hit buffer on dense input. */
  private static final int HIT_SLICE = 256 << 10;

  private static final int MAX_RETAINED_HITS = 1 << 18;
  private static final int MAX_DECODED_CHARS = 8 << 20;

  /**
   * Per chunk, the rules together look at no more than this many times the chunk's bytes (plus
   * {@link #WINDOW_BUDGET_BASE}); ordinary files use a small fraction of it.
   */
  static final int WINDOW_BUDGET_FACTOR = 16;

  private static final int WINDOW_BUDGET_BASE = 4 << 20;
  private static final int SNIPPET_CONTEXT = 120;
  private static final Pattern LEFTOVER_TOKEN = Pattern.compile("[A-Za-z0-9+/_=.~-]{20,}");

  /** Receives matches in file order. */
  @FunctionalInterface
  public interface MatchSink {
    void accept(SecretMatch match);
  }

  /** Hears where a budget cut the scan of an input short: the 1-based line and what happened. */
  @FunctionalInterface
  public interface LimitSink {
    void limit(int line, String message);

    LimitSink IGNORE = (line, message) -> {};
  }

  private final List<SecretRule> rules;
  private final SecretRule[] ruleArray;
  private final KeywordAutomaton automaton;
  private final int[][] rulesByKeyword;
  private final Allowlist allowlist;
  private final boolean reportFiltered;
  private final RuleProfile profile;
  private final boolean nameOnlyPaths;
  private final List<String> tokenPrefixes;
  private final java.util.concurrent.ConcurrentHashMap<String, boolean[]> activeByName =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final boolean[] NONE_ACTIVE = new boolean[0];

  private SecretEngine(
      List<SecretRule> rules,
      KeywordAutomaton automaton,
      int[][] rulesByKeyword,
      Allowlist allowlist,
      boolean reportFiltered) {
    this.rules = rules;
    this.reportFiltered = reportFiltered;
    this.ruleArray = rules.toArray(SecretRule[]::new);
    this.automaton = automaton;
    this.rulesByKeyword = rulesByKeyword;
    this.allowlist = allowlist;
    this.profile = new RuleProfile(rules);
    this.tokenPrefixes =
        rules.stream()
            .filter(r -> !r.isGeneric() && r.anchor() == SecretRule.Anchor.PREFIX)
            .flatMap(r -> r.keywords().stream())
            .filter(k -> k.length() >= 3 && (k.contains("_") || k.contains("-") || k.contains(".")))
            .distinct()
            .toList();
    this.nameOnlyPaths =
        rules.stream().flatMap(r -> r.paths().stream()).noneMatch(g -> g.source().contains("/"));
  }

  /** Per-rule counts of regex runs and their time, for finding slow rules. */
  public RuleProfile profile() {
    return profile;
  }

  public static SecretEngine create(List<SecretRule> rules, Allowlist allowlist) {
    return create(rules, allowlist, false);
  }

  /**
   * An engine that, when {@code reportFiltered}, also reports the pattern matches its entropy,
   * placeholder, allowlist and validator checks reject: the raw candidates a team labels to train
   * and measure learned triage, never the default.
   */
  public static SecretEngine create(
      List<SecretRule> rules, Allowlist allowlist, boolean reportFiltered) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no secret rules to run");
    }
    Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
    for (int r = 0; r < rules.size(); r++) {
      for (String kw : rules.get(r).keywords()) {
        byKeyword
            .computeIfAbsent(kw.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
            .add(r);
      }
    }
    List<String> keywords = new ArrayList<>(byKeyword.keySet());
    int[][] map = new int[keywords.size()][];
    for (int k = 0; k < keywords.size(); k++) {
      map[k] = byKeyword.get(keywords.get(k)).stream().mapToInt(Integer::intValue).toArray();
    }
    return new SecretEngine(
        List.copyOf(rules), KeywordAutomaton.build(keywords), map, allowlist, reportFiltered);
  }

  public List<SecretRule> rules() {
    return rules;
  }

  /** Scans a whole byte array; convenient for small inputs and tests. */
  public List<SecretMatch> scan(String path, byte[] data) {
    List<SecretMatch> out = new ArrayList<>();
    try {
      scan(path, new ByteArrayInputStream(data), out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a byte array cannot fail", e);
    }
    return out;
  }

  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();
  private static final ThreadLocal<int[]> HITS = ThreadLocal.withInitial(() -> new int[4096]);

  /** Which rules apply to a path; null when none does. Cached by file name where that decides. */
  private boolean[] activeRules(String path) {
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (nameOnlyPaths && path != null) {
      boolean[] cached = activeByName.get(name);
      if (cached != null) {
        return cached == NONE_ACTIVE ? null : cached;
      }
    }
    boolean[] active = new boolean[rules.size()];
    boolean any = false;
    for (int r = 0; r < rules.size(); r++) {
      active[r] = rules.get(r).appliesTo(path);
      any |= active[r];
    }
    if (nameOnlyPaths && path != null && activeByName.size() < 10_000) {
      activeByName.put(name, any ? active : NONE_ACTIVE);
    }
    return any ? active : null;
  }

  /**
   * Scans a stream in bounded memory; the caller owns and closes the stream. {@code path} selects
   * the rules that apply to the file (null: all rules).
   */
  public void scan(String path, InputStream in, MatchSink sink) throws IOException {
    scan(path, in, sink, LimitSink.IGNORE);
  }

  /** As {@link #scan(String, InputStream, MatchSink)}, telling {@code limits} of budgets hit. */
  public void scan(String path, InputStream in, MatchSink sink, LimitSink limits)
      throws IOException {
    boolean[] active = activeRules(path);
    if (active == null) {
      return;
    }
    // One chunk buffer per thread, reused across files; taken out while in use so that a nested
    // call (an archive inside a scan) gets its own.
    byte[] buf = BUFFERS.get();
    BUFFERS.remove();
    if (buf == null) {
      buf = new byte[CHUNK + OVERLAP];
    }
    try {
      scan(in, sink, limits, buf, active, isSourceCode(path));
    } finally {
      BUFFERS.set(buf);
    }
  }

  private static final java.util.Set<String> BLOCK_COMMENT_LANGUAGES =
      java.util.Set.of(
          "java", "kt", "kts", "scala", "groovy", "js", "mjs", "cjs", "ts", "tsx", "jsx", "c", "h",
          "cc", "cpp", "hpp", "cs", "go", "php", "swift", "rs", "dart", "m");

  /** Whether a path is source in a language whose documentation comments run on "*" lines. */
  static boolean isSourceCode(String path) {
    if (path == null) {
      return false;
    }
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/')
        && BLOCK_COMMENT_LANGUAGES.contains(
            path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Whether the line holding {@code offset} continues a block comment (" * …"): Javadoc, KDoc and
   * JSDoc examples show how a password is passed, with made-up values.
   */
  private static boolean onCommentLine(byte[] buf, int offset) {
    int i = lineStart(buf, offset);
    while (i < offset && (buf[i] == ' ' || buf[i] == '\t')) {
      i++;
    }
    return i < offset && buf[i] == '*' && (i + 1 >= offset || buf[i + 1] != '/');
  }

  private void scan(
      InputStream in, MatchSink sink, LimitSink limits, byte[] buf, boolean[] active, boolean code)
      throws IOException {
    int len = 0;
    int baseLine = 1;
    while (true) {
      int n = readFully(in, buf, len, buf.length - len);
      len += n;
      boolean last = len < buf.length;
      int owned = last ? len : ownedEnd(buf, len);
      if (len > 0) {
        scanChunk(buf, len, owned, last, baseLine, sink, limits, active, code);
      }
      if (last) {
        return;
      }
      baseLine += countNewlines(buf, 0, owned);
      System.arraycopy(buf, owned, buf, 0, len - owned);
      len -= owned;
    }
  }

  private static int readFully(InputStream in, byte[] buf, int off, int max) throws IOException {
    int total = 0;
    while (total < max) {
      int r = in.read(buf, off + total, max - total);
      if (r < 0) {
        break;
      }
      total += r;
    }
    return total;
  }

  /** Where this chunk's responsibility ends: the start of a line about OVERLAP before the end. */
  private static int ownedEnd(byte[] buf, int len) {
    int target = len - OVERLAP;
    for (int i = target - 1; i > target - MAX_LINE_REACH * 8 && i > 0; i--) {
      if (buf[i] == '\n') {
        return i + 1;
      }
    }
    return target;
  }

  private static int countNewlines(byte[] buf, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /** A candidate secret in chunk coordinates. */
  private record Candidate(
      SecretRule rule, int ruleIndex, Secret secret, int start, int end, String key) {}

  private void scanChunk(
      byte[] buf,
      int len,
      int owned,
      boolean last,
      int baseLine,
      MatchSink sink,
      LimitSink limits,
      boolean[] active,
      boolean code) {
    // 1. keyword hits → per-rule windows (start, end pairs). Hits are collected a slice at a time
    //    so that keyword-dense input (a base64 run of "AAAA", a line of "sk") costs bounded memory;
    //    a hit inside a rule's current window only extends it, so dense runs stay linear; and the
    //    bytes handed to the rules per chunk are capped, the rest reported, not silently dropped.
    int[][] windows = new int[rules.size()][];
    int[] windowCount = new int[rules.size()];
    int[] newlines = newlineIndex(buf, len);
    long budget = WINDOW_BUDGET_FACTOR * (long) len + WINDOW_BUDGET_BASE;
    int stoppedAt = -1;
    int[] count = new int[1];
    int reach = automaton.maxKeywordLength() - 1;
    int nl = 0; // index of the first newline at or after the current hit's end; hits come in order
    slices:
    for (int slice = 0; slice < len; slice += HIT_SLICE) {
      int sliceEnd = Math.min(len, slice + HIT_SLICE);
      int[] hits = automaton.collect(buf, Math.max(0, slice - reach), sliceEnd, HITS.get(), count);
      HITS.set(hits.length > MAX_RETAINED_HITS ? new int[4096] : hits);
      for (int h = 0; h < count[0]; h++) {
        int kw = hits[2 * h];
        int endOffset = hits[2 * h + 1];
        if (endOffset < slice) {
          continue; // found by the previous slice already
        }
        int kwStart = endOffset - automaton.keywordLength(kw) + 1;
        while (nl < newlines.length && newlines[nl] < endOffset) {
          nl++;
        }
        int endLimit = Math.min(len, endOffset + MAX_LINE_REACH);
        int lineEnd = nl < newlines.length && newlines[nl] < endLimit ? newlines[nl] : endLimit;
        int before = nl - 1;
        while (before >= 0 && newlines[before] >= kwStart) {
          before--;
        }
        int startLimit = Math.max(0, kwStart - MAX_LINE_REACH);
        int lineStart =
            before >= 0 && newlines[before] >= startLimit ? newlines[before] + 1 : startLimit;
        for (int r : rulesByKeyword[kw]) {
          if (!active[r]) {
            continue;
          }
          SecretRule rule = ruleArray[r];
          int n = windowCount[r];
          int[] w = windows[r];
          boolean mergeable = rule.anchor() != SecretRule.Anchor.KEY;
          if (mergeable && n > 0 && kwStart >= w[2 * n - 2] && endOffset < w[2 * n - 1]) {
            // inside the rule's current window: the regex will see this hit; only extend it
            int end = windowEnd(rule, kwStart, lineEnd, len);
            if (end > w[2 * n - 1]) {
              budget -= end - w[2 * n - 1];
              w[2 * n - 1] = end;
            }
          } else {
            if (!rule.shape()
                .test(
                    buf,
                    Math.max(0, kwStart - MAX_LINE_REACH),
                    Math.min(len, endOffset + 1 + MAX_LINE_REACH),
                    kwStart,
                    endOffset + 1,
                    rule.minValue())) {
              continue;
            }
            int end = windowEnd(rule, kwStart, lineEnd, len);
            int start =
                switch (rule.anchor()) {
                  case NONE -> lineStart;
                  case PREFIX -> Math.max(lineStart, kwStart - 1);
                  case KEY -> identifierStart(buf, kwStart, lineStart);
                };
            budget -= addWindow(windows, windowCount, r, start, end, mergeable);
          }
          if (budget < 0) {
            stoppedAt = kwStart;
            break slices;
          }
        }
      }
    }
    if (stoppedAt >= 0) {
      limits.limit(
          baseLine + lineOf(newlines, stoppedAt),
          "keyword-dense input: the rules' share of this "
              + (len >> 10)
              + " KiB block reached its budget ("
              + WINDOW_BUDGET_FACTOR
              + "x the block), so keywords after this line in the block were not checked");
    }
    // 2. rules over their windows
    Map<Long, String> decoded = new HashMap<>();
    long decodedChars = 0;
    List<Candidate> candidates = new ArrayList<>();
    List<Candidate> vetoes = new ArrayList<>();
    for (int r = 0; r < rules.size() && candidates.size() < MAX_CANDIDATES_PER_CHUNK; r++) {
      int[] w = windows[r];
      if (w == null) {
        continue;
      }
      SecretRule rule = rules.get(r);
      for (int i = 0; i < windowCount[r]; i++) {
        // dense input can hold many windows per chunk: each is a checkpoint of the file's budget
        FileTimeBudget.check();
        int ws = w[2 * i];
        int we = w[2 * i + 1];
        long key = ((long) ws << 32) | we;
        String text = decoded.get(key);
        if (text == null) {
          text = decode(buf, ws, we);
          decodedChars += text.length();
          if (decodedChars > MAX_DECODED_CHARS) {
            // the cache only saves decoding a window shared by several rules; never hold a chunk
            decoded.clear();
            decodedChars = text.length();
          }
          decoded.put(key, text);
        }
        if (!rule.requires().isEmpty() && !containsAny(text, rule.requires())) {
          continue;
        }
        long t0 = profile.enabled() ? System.nanoTime() : 0;
        collect(rule, r, text, ws, owned, last, candidates, vetoes);
        if (t0 != 0) {
          profile.record(r, System.nanoTime() - t0);
        }
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    // 3. of overlapping candidates keep the most specific rule; a specific rule that recognised
    //    a span and rejected it (a placeholder, a bad checksum) vetoes less specific rules there
    candidates.sort(Comparator.comparingInt(Candidate::start).thenComparingInt(Candidate::end));
    List<Candidate> kept = new ArrayList<>();
    for (Candidate c : candidates) {
      if (vetoed(c, vetoes)) {
        continue;
      }
      if (code && c.rule().isGeneric() && !reportFiltered && onCommentLine(buf, c.start())) {
        continue;
      }
      List<Candidate> overlapping =
          kept.stream().filter(k -> k.start() < c.end() && c.start() < k.end()).toList();
      if (overlapping.stream().anyMatch(k -> better(k, c))) {
        continue;
      }
      kept.removeAll(overlapping);
      kept.add(c);
    }
    kept.sort(Comparator.comparingInt(Candidate::start));
    // 4. positions and redacted snippets
    for (Candidate c : kept) {
      int startLine = lineOf(newlines, c.start());
      int endLine = lineOf(newlines, Math.max(c.start(), c.end() - 1));
      int startLineBegin = startLine == 0 ? 0 : newlines[startLine - 1] + 1;
      int endLineBegin = endLine == 0 ? 0 : newlines[endLine - 1] + 1;
      int startCol = utf16Length(buf, startLineBegin, c.start()) + 1;
      int endCol = utf16Length(buf, endLineBegin, c.end()) + 1;
      String snippet = snippet(buf, len, newlines, startLine, c, kept);
      sink.accept(
          new SecretMatch(
              c.rule(),
              c.secret(),
              baseLine + startLine,
              startCol,
              baseLine + endLine,
              endCol,
              snippet,
              c.key()));
    }
  }

  private static boolean better(Candidate a, Candidate b) {
    if (a.rule().priority() != b.rule().priority()) {
      return a.rule().priority() < b.rule().priority();
    }
    int la = a.end() - a.start();
    int lb = b.end() - b.start();
    if (la != lb) {
      return la > lb;
    }
    return a.ruleIndex() <= b.ruleIndex();
  }

  private static boolean vetoed(Candidate c, List<Candidate> vetoes) {
    for (Candidate v : vetoes) {
      if (v.rule().priority() < c.rule().priority() && v.start() < c.end() && c.start() < v.end()) {
        return true;
      }
    }
    return false;
  }

  private void collect(
      SecretRule rule,
      int ruleIndex,
      String text,
      int windowStart,
      int owned,
      boolean last,
      List<Candidate> out,
      List<Candidate> vetoes) {
    Matcher m = rule.pattern().matcher(text);
    boolean anchored = rule.anchor() == SecretRule.Anchor.KEY;
    int from = 0;
    int charPos = 0;
    int bytePos = 0;
    while (from <= text.length() && (anchored ? from == 0 && m.lookingAt() : m.find(from))) {
      int matchEnd = m.end();
      from = anchored ? text.length() + 1 : matchEnd > m.start() ? matchEnd : matchEnd + 1;
      int g = secretGroup(rule, m);
      if (g < 0) {
        continue;
      }
      String value = m.group(g);
      // byte offsets advance with the matches, never recounted from the window start: a merged
      // window over a dense run may hold many matches
      int s = m.start(g);
      if (s >= charPos) {
        bytePos += utf8Length(text, charPos, s);
      } else {
        bytePos = utf8Length(text, 0, s);
      }
      charPos = s;
      int secretStart = windowStart + bytePos;
      if (!last && secretStart >= owned) {
        break; // later matches lie further on, in the next chunk's part
      }
      int secretEnd = secretStart + utf8Length(text, m.start(g), m.end(g));
      String key = rule.keyGroup() > 0 ? m.group(rule.keyGroup()) : null;
      Candidate c = new Candidate(rule, ruleIndex, new Secret(value), secretStart, secretEnd, key);
      if (accept(rule, value, m.group(), key)
          || (reportFiltered && !value.isEmpty() && value.length() <= rule.maxLength())) {
        out.add(c);
      } else if (vetoes.size() < MAX_VETOES) {
        vetoes.add(c);
      }
    }
  }

  /** The rule's secret group when it took part in the match, else the first group that did. */
  private static int secretGroup(SecretRule rule, Matcher m) {
    if (rule.secretGroup() >= 0 && m.start(rule.secretGroup()) >= 0) {
      return rule.secretGroup();
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (g != rule.keyGroup() && m.start(g) >= 0) {
        return g;
      }
    }
    return m.groupCount() == 0 ? 0 : -1;
  }

  /** The checks every candidate must pass, cheapest first. */
  boolean accept(SecretRule rule, String value, String matched, String key) {
    if (value == null || value.isEmpty() || value.length() > rule.maxLength()) {
      return false;
    }
    if (rule.minEntropy() > 0 && Entropy.shannon(value) < rule.minEntropy()) {
      return false;
    }
    if (Placeholders.isPlaceholder(value)) {
      return false;
    }
    if (rule.isGeneric() && hasTokenPrefix(value)) {
      // A provider rule owns this format; if it did not report the value, it is not one.
      return false;
    }
    for (Pattern p : rule.allow()) {
      if (p.matcher(value).find()) {
        return false;
      }
    }
    Secret secret = new Secret(value);
    if (allowlist.allows(secret)) {
      return false;
    }
    Validator v = rule.validator();
    return v == null || v.reject(new Validator.Candidate(value, matched, key)) == null;
  }

  private boolean hasTokenPrefix(String value) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    for (String p : tokenPrefixes) {
      if (lower.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  // ---- windows ----

  /** Adds a window or extends the rule's last one; returns how many bytes the rule gained. */
  private static int addWindow(
      int[][] windows, int[] counts, int rule, int start, int end, boolean merge) {
    int[] w = windows[rule];
    int n = counts[rule];
    if (w == null) {
      w = new int[8];
      windows[rule] = w;
    } else if (n > 0) {
      int lastStart = w[2 * n - 2];
      int lastEnd = w[2 * n - 1];
      if ((merge && start <= lastEnd && start >= lastStart) || (!merge && start == lastStart)) {
        w[2 * n - 1] = Math.max(lastEnd, end);
        return Math.max(0, end - lastEnd);
      }
    }
    if (2 * n + 2 > w.length) {
      w = Arrays.copyOf(w, w.length * 2);
      windows[rule] = w;
    }
    w[2 * n] = start;
    w[2 * n + 1] = end;
    counts[rule] = n + 1;
    return Math.max(0, end - start);
  }

  /** Where a rule's window for a keyword at {@code kwStart} ends. */
  private static int windowEnd(SecretRule rule, int kwStart, int lineEnd, int len) {
    int span = rule.span();
    int end = span > 0 ? Math.max(lineEnd, Math.min(len, kwStart + span)) : lineEnd;
    if (rule.anchor() == SecretRule.Anchor.PREFIX) {
      end = (int) Math.min(end, (long) kwStart + rule.maxLength() + 2);
    }
    return end;
  }

  private static boolean containsAny(String text, List<String> words) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    for (String w : words) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Where the line holding {@code pos} starts, looking back at most a line's reach. */
  private static int lineStart(byte[] buf, int pos) {
    int limit = Math.max(0, pos - MAX_LINE_REACH);
    for (int i = pos - 1; i >= limit; i--) {
      if (buf[i] == '\n') {
        return i + 1;
      }
    }
    return limit;
  }

  /** Start of the identifier (an assignment key) that contains the keyword at {@code pos}. */
  private static int identifierStart(byte[] buf, int pos, int lineStart) {
    int limit = Math.max(lineStart, pos - 64);
    int i = pos;
    while (i > limit) {
      int c = buf[i - 1] & 0xff;
      boolean ident =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      if (!ident) {
        break;
      }
      i--;
    }
    return i;
  }

  private static String decode(byte[] buf, int from, int to) {
    return dev.bulwark.core.files.TextSniffer.decode(buf, from, to - from);
  }

  /** UTF-8 byte length of text[from, to). Malformed input was decoded to U+FFFD (3 bytes). */
  static int utf8Length(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Number of UTF-16 code units the UTF-8 bytes buf[from, to) decode to. */
  private static int utf16Length(byte[] buf, int from, int to) {
    if (to <= from) {
      return 0;
    }
    return decode(buf, from, to).length();
  }

  private static int[] newlineIndex(byte[] buf, int len) {
    int[] idx = new int[64];
    int n = 0;
    for (int i = 0; i < len; i++) {
      if (buf[i] == '\n') {
        if (n == idx.length) {
          idx = Arrays.copyOf(idx, n * 2);
        }
        idx[n++] = i;
      }
    }
    return Arrays.copyOf(idx, n);
  }

  /** 0-based line (within the chunk) of a byte offset. */
  private static int lineOf(int[] newlines, int offset) {
    int i = Arrays.binarySearch(newlines, offset);
    return i >= 0 ? i : -i - 1;
  }

  private String snippet(
      byte[] buf, int len, int[] newlines, int line, Candidate c, List<Candidate> all) {
    int begin = line == 0 ? 0 : newlines[line - 1] + 1;
    int end = line < newlines.length ? newlines[line] : len;
    if (end > begin && buf[end - 1] == '\r') {
      end--;
    }
    int from = Math.max(begin, c.start() - SNIPPET_CONTEXT);
    int to = Math.min(end, Math.max(c.start(), Math.min(c.end(), end)) + SNIPPET_CONTEXT);
    while (from > begin && (buf[from] & 0xC0) == 0x80) {
      from--;
    }
    while (to < end && (buf[to] & 0xC0) == 0x80) {
      to++;
    }
    StringBuilder sb = new StringBuilder();
    int pos = from;
    for (Candidate o : all) {
      if (o.end() <= from || o.start() >= to) {
        continue;
      }
      int s = Math.max(o.start(), pos);
      if (s > pos) {
        sb.append(new String(buf, pos, s - pos, StandardCharsets.UTF_8));
      }
      sb.append(o.secret().redacted());
      pos = Math.max(pos, Math.min(o.end(), to));
    }
    if (pos < to) {
      sb.append(new String(buf, pos, to - pos, StandardCharsets.UTF_8));
    }
    String text = sb.toString();
    if (from > begin) {
      text = "…" + text;
    }
    if (to < end) {
      text = text + "…";
    }
    return maskLeftovers(text);
  }

  /** Masks any other long high-entropy token on the line, so no secret leaks through context. */
  static String maskLeftovers(String text) {
    Matcher m = LEFTOVER_TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String token = m.group();
      if (token.contains("…#") || Entropy.shannon(token) < 4.0) {
        continue;
      }
      out.append(text, last, m.start()).append(token, 0, 4).append("…");
      last = m.end();
    }
    out.append(text.substring(last));
    return out.toString();
  }
}
