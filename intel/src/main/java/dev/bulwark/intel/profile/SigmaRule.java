package dev.bulwark.intel.profile;

import java.nio.file.Path;
import java.util.List;

/**
 * What coverage needs of a Sigma rule: its id, title, author (the Detection Rule License asks that
 * it be kept), the ATT&CK techniques its tags name, and the log source it reads.
 */
public record SigmaRule(
    String id, String title, String author, List<String> techniques, String logsource, Path file) {
  public SigmaRule {
    techniques = List.copyOf(techniques);
  }
}
