package dev.bulwark.hygiene.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Browser extensions allowed to read and change every site: Chromium-family manifests ({@code
 * permissions} / {@code host_permissions}, content scripts) and Firefox's {@code extensions.json}
 * ({@code userPermissions.origins}).
 */
final class BrowserExtensions implements Probe {
  private static final Set<String> ALL_SITES =
      Set.of("<all_urls>", "*://*/*", "http://*/*", "https://*/*", "*://*/", "file:///*");
  private static final List<String> CHROMIUM_FAMILY =
      List.of(
          ".config/chromium",
          ".config/google-chrome",
          ".config/BraveSoftware/Brave-Browser",
          ".config/microsoft-edge",
          ".config/vivaldi",
          // the same browsers on macOS
          "Library/Application Support/Chromium",
          "Library/Application Support/Google/Chrome",
          "Library/Application Support/BraveSoftware/Brave-Browser",
          "Library/Application Support/Microsoft Edge",
          "Library/Application Support/Vivaldi");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return "browser-extensions";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> broad = new ArrayList<>();
    int seen = 0;
    for (Path home : root.homes()) {
      for (String browser : CHROMIUM_FAMILY) {
        for (Path profile : root.list(home.resolve(browser))) {
          for (Path ext : root.list(profile.resolve("Extensions"))) {
            for (Path version : root.list(ext)) {
              JsonNode m = json(root, version.resolve("manifest.json"));
              if (m == null) {
                continue;
              }
              seen++;
              if (chromiumAllSites(m)) {
                broad.add(
                    root.display(version.resolve("manifest.json"))
                        + " '"
                        + name(m.path("name").asText(ext.getFileName().toString()), ext)
                        + "' can read and change all sites");
              }
            }
          }
        }
      }
      for (Path profile : firefoxProfiles(root, home)) {
        JsonNode all = json(root, profile.resolve("extensions.json"));
        if (all == null) {
          continue;
        }
        for (JsonNode a : all.path("addons")) {
          if (!a.path("type").asText().equals("extension")
              || !a.path("location").asText().equals("app-profile")) {
            continue;
          }
          seen++;
          boolean allSites = false;
          for (JsonNode o : a.path("userPermissions").path("origins")) {
            allSites |= ALL_SITES.contains(o.asText());
          }
          if (allSites && a.path("active").asBoolean(true)) {
            broad.add(
                root.display(profile.resolve("extensions.json"))
                    + " '"
                    + a.path("defaultLocale").path("name").asText(a.path("id").asText())
                    + "' can read and change all sites");
          }
        }
      }
    }
    if (!broad.isEmpty()) {
      return CheckResult.fail(id(), broad);
    }
    if (seen == 0) {
      return CheckResult.notApplicable(id(), "no browser extensions found");
    }
    return new CheckResult(
        id(), Status.PASS, List.of(seen + " extensions read; none can read every site"));
  }

  /** Firefox's profiles: {@code ~/.mozilla/firefox} on Linux, Application Support on macOS. */
  private static List<Path> firefoxProfiles(SystemRoot root, Path home) {
    List<Path> out = new ArrayList<>(root.list(home.resolve(".mozilla/firefox")));
    out.addAll(root.list(home.resolve("Library/Application Support/Firefox/Profiles")));
    return out;
  }

  private static String name(String name, Path ext) {
    // localised names (__MSG_appName__) live in _locales; the id says enough
    return name.startsWith("__MSG_") ? ext.getFileName().toString() : name;
  }

  static boolean chromiumAllSites(JsonNode m) {
    for (String field : List.of("permissions", "host_permissions", "optional_host_permissions")) {
      if (field.startsWith("optional")) {
        continue;
      }
      for (JsonNode p : m.path(field)) {
        if (ALL_SITES.contains(p.asText())) {
          return true;
        }
      }
    }
    for (JsonNode cs : m.path("content_scripts")) {
      for (JsonNode p : cs.path("matches")) {
        if (ALL_SITES.contains(p.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonNode json(SystemRoot root, Path file) {
    String text = root.read(file).orElse(null);
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }
}
