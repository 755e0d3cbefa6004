package dev.bulwark.hygiene.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Command-line idioms that put a secret into shell history. */
final class BasicHistorySecrets implements HistorySecrets {
  private record Idiom(String kind, Pattern pattern) {}

  private static final List<Idiom> IDIOMS =
      List.of(
          new Idiom("mysql-password-argument", Pattern.compile("\\bmysql(dump)?\\b.*\\s-p\\S{3,}")),
          new Idiom(
              "password-argument",
              Pattern.compile("(?i)--?(password|passwd|pass|token|secret|api-key)[= ]\\S{4,}")),
          new Idiom(
              "secret-variable",
              Pattern.compile(
                  "(?i)\\b(export\\s+)?[A-Z0-9_]*(PASSWORD|PASSWD|TOKEN|SECRET|API_KEY)[A-Z0-9_]*=\\S{6,}")),
          new Idiom(
              "url-credentials",
              Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]{3,}@")),
          new Idiom("basic-auth-argument", Pattern.compile("\\s-u\\s+[^\\s:]+:\\S{4,}")),
          new Idiom("sshpass", Pattern.compile("\\bsshpass\\s+-p\\s*\\S+")),
          new Idiom("github-token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}")),
          new Idiom("aws-access-key", Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b")));

  @Override
  public List<String> kinds(String line) {
    List<String> out = new ArrayList<>();
    for (Idiom i : IDIOMS) {
      if (i.pattern().matcher(line).find()) {
        out.add(i.kind());
      }
    }
    return out;
  }
}
