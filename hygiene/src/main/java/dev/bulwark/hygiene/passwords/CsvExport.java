package dev.bulwark.hygiene.passwords;

import dev.bulwark.core.errors.InputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CSV exports (RFC 4180): Bitwarden ({@code login_uri, login_username, login_password}), 1Password
 * ({@code Title, Url, Username, Password}) and browsers (Chromium's {@code name, url, username,
 * password}; Firefox's adds {@code timePasswordChanged} in epoch milliseconds). Columns are found
 * by their header names, so column order does not matter.
 */
final class CsvExport {
  private static final List<String> SITE = List.of("name", "title", "url", "login_uri", "website");
  private static final List<String> URL = List.of("url", "login_uri", "website", "origin");
  private static final List<String> USER = List.of("username", "login_username", "user", "login");
  private static final List<String> PASSWORD = List.of("password", "login_password");
  private static final List<String> CHANGED = List.of("timepasswordchanged", "passwordchanged");
  private static final int MAX_FIELDS = 256;

  private CsvExport() {}

  static List<Account> read(String name, char[] text) throws InputException {
    List<List<char[]>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try {
      split(name, text, rows, lines);
      if (rows.isEmpty()) {
        throw new InputException(name + ": empty export");
      }
      List<String> header = new ArrayList<>();
      for (char[] h : rows.get(0)) {
        header.add(new String(h).strip().toLowerCase(Locale.ROOT));
      }
      int pw = column(header, PASSWORD);
      if (pw < 0) {
        throw new InputException(
            name
                + ": line 1: no password column in header "
                + header
                + " (expected password or login_password)");
      }
      int url = column(header, URL);
      int site = column(header, SITE);
      int user = column(header, USER);
      int changed = column(header, CHANGED);
      int type = header.indexOf("type");
      List<Account> out = new ArrayList<>();
      for (int r = 1; r < rows.size(); r++) {
        List<char[]> f = rows.get(r);
        if (type >= 0
            && type < f.size()
            && f.get(type).length > 0
            && !new String(f.get(type)).equals("login")) {
          continue; // Bitwarden notes, cards and identities have no password
        }
        if (pw >= f.size() || f.get(pw).length == 0) {
          continue;
        }
        String siteName = text(f, site);
        String u = text(f, url);
        if (siteName.isBlank() || (site == url && !u.isBlank())) {
          siteName = Sites.host(u).orElse(siteName);
        }
        Optional<Instant> when = Optional.empty();
        String c = text(f, changed);
        if (!c.isBlank()) {
          try {
            when = Optional.of(Instant.ofEpochMilli(Long.parseLong(c.strip())));
          } catch (NumberFormatException e) {
            throw new InputException(
                name
                    + ": line "
                    + lines.get(r)
                    + ": "
                    + header.get(changed)
                    + " is not epoch milliseconds");
          }
        }
        out.add(
            new Account(
                siteName,
                text(f, user),
                new Password(Arrays.copyOf(f.get(pw), f.get(pw).length)),
                when));
      }
      return out;
    } finally {
      for (List<char[]> row : rows) {
        row.forEach(a -> Arrays.fill(a, '\0'));
      }
    }
  }

  private static int column(List<String> header, List<String> names) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String text(List<char[]> f, int i) {
    return i >= 0 && i < f.size() ? new String(f.get(i)) : "";
  }

  private static void split(String name, char[] t, List<List<char[]>> rows, List<Integer> lines)
      throws InputException {
    CharField cur = new CharField();
    List<char[]> row = new ArrayList<>();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int rowLine = 1;
    for (int i = 0; i < t.length; i++) {
      char c = t[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < t.length && t[i + 1] == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cur.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          any = true;
        }
        case ',' -> {
          row.add(cur.take());
          any = true;
          if (row.size() > MAX_FIELDS) {
            throw new InputException(
                name + ": line " + line + ": more than " + MAX_FIELDS + " fields");
          }
        }
        case '\r' -> {}
        case '\n' -> {
          if (any || cur.length() > 0) {
            row.add(cur.take());
            rows.add(row);
            lines.add(rowLine);
          }
          row = new ArrayList<>();
          any = false;
          line++;
          rowLine = line;
        }
        default -> {
          cur.append(c);
          any = true;
        }
      }
    }
    if (quoted) {
      cur.clear();
      throw new InputException(name + ": line " + rowLine + ": quoted field not closed");
    }
    if (any || cur.length() > 0) {
      row.add(cur.take());
      rows.add(row);
      lines.add(rowLine);
    }
  }
}
