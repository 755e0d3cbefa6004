package dev.bulwark.logs.hunt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ATT&CK tactics in kill-chain order, with the names rules use. Enterprise ATT&CK v18 splits
 * defense evasion into stealth and defense impairment; all three rank at the same stage.
 */
public final class Attack {
  /** Canonical tactic id → stage in the chain. */
  private static final Map<String, Integer> STAGE =
      Map.ofEntries(
          Map.entry("reconnaissance", 0),
          Map.entry("resource-development", 1),
          Map.entry("initial-access", 2),
          Map.entry("execution", 3),
          Map.entry("persistence", 4),
          Map.entry("privilege-escalation", 5),
          Map.entry("defense-evasion", 6),
          Map.entry("stealth", 6),
          Map.entry("defense-impairment", 6),
          Map.entry("credential-access", 7),
          Map.entry("discovery", 8),
          Map.entry("lateral-movement", 9),
          Map.entry("collection", 10),
          Map.entry("command-and-control", 11),
          Map.entry("exfiltration", 12),
          Map.entry("impact", 13));

  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("reconnaissance", "Reconnaissance"),
          Map.entry("resource-development", "Resource Development"),
          Map.entry("initial-access", "Initial Access"),
          Map.entry("execution", "Execution"),
          Map.entry("persistence", "Persistence"),
          Map.entry("privilege-escalation", "Privilege Escalation"),
          Map.entry("defense-evasion", "Defense Evasion"),
          Map.entry("stealth", "Stealth"),
          Map.entry("defense-impairment", "Defense Impairment"),
          Map.entry("credential-access", "Credential Access"),
          Map.entry("discovery", "Discovery"),
          Map.entry("lateral-movement", "Lateral Movement"),
          Map.entry("collection", "Collection"),
          Map.entry("command-and-control", "Command and Control"),
          Map.entry("exfiltration", "Exfiltration"),
          Map.entry("impact", "Impact"));

  /** The enterprise matrix's tactics, in kill-chain order, as the ATT&CK matrix shows them. */
  public static final List<String> TACTICS =
      List.of(
          "reconnaissance",
          "resource-development",
          "initial-access",
          "execution",
          "persistence",
          "privilege-escalation",
          "defense-evasion",
          "credential-access",
          "discovery",
          "lateral-movement",
          "collection",
          "command-and-control",
          "exfiltration",
          "impact");

  private Attack() {}

  /** The tactic id for a tag or a title ("attack.defense_evasion", "Defense Evasion"), or null. */
  public static String tactic(String text) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    if (t.startsWith("attack.")) {
      t = t.substring(7);
    }
    t = t.replace('_', '-').replace(' ', '-');
    if (t.equals("command-and-control") || t.equals("command-control")) {
      return "command-and-control";
    }
    return STAGE.containsKey(t) ? t : null;
  }

  /** The kill-chain stage of a tactic id (0 = reconnaissance … 13 = impact), -1 when unknown. */
  public static int stage(String tactic) {
    Integer s = STAGE.get(tactic);
    return s == null ? -1 : s;
  }

  public static String title(String tactic) {
    return TITLES.getOrDefault(tactic, tactic);
  }

  /** Whether two tactic ids are the same stage (defense-evasion, stealth, defense-impairment). */
  public static boolean sameStage(String a, String b) {
    int sa = stage(a);
    return sa >= 0 && sa == stage(b);
  }

  public static List<String> tactics(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      String t = tactic(tag);
      if (t != null && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  public static List<String> techniques(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (t.matches("attack\\.t\\d{4}(\\.\\d{3})?")) {
        String id = t.substring(7).toUpperCase(Locale.ROOT);
        if (!out.contains(id)) {
          out.add(id);
        }
      }
    }
    return out;
  }
}
