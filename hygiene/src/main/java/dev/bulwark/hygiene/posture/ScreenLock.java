package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Screen lock: GNOME settings fixed in system dconf key files ({@code /etc/dconf/db/*.d/*}) and
 * each user's Xfce screensaver channel. The per-user dconf database is binary and not read.
 */
final class ScreenLock implements Probe {
  private static final Pattern XFCE_LOCK =
      Pattern.compile("name=\"lock-enabled\"[^>]*value=\"(true|false)\"");
  private static final Pattern XFCE_LOCK_ALT =
      Pattern.compile(
          "name=\"lock\"[^>]*>\\s*<property name=\"enabled\"[^>]*value=\"(true|false)\"");

  @Override
  public String id() {
    return "screen-lock";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> off = new ArrayList<>();
    List<String> on = new ArrayList<>();
    for (Path db : root.list("/etc/dconf/db")) {
      for (Path f : root.list(db)) {
        List<ConfigLines.Line> lines = ConfigLines.of(root.read(f).orElse("")).lines();
        for (ConfigLines.Line l : lines) {
          String t = l.text().replace(" ", "");
          String where = root.display(f) + ":" + l.number() + " " + t;
          if (t.equals("lock-enabled=false") || t.matches("idle-delay=(uint32)?0")) {
            off.add(where);
          } else if (t.equals("lock-enabled=true")) {
            on.add(where);
          }
        }
      }
    }
    for (Path home : root.homes()) {
      Path f = home.resolve(".config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml");
      String xml = root.read(f).orElse(null);
      if (xml == null) {
        continue;
      }
      for (Pattern p : List.of(XFCE_LOCK, XFCE_LOCK_ALT)) {
        Matcher m = p.matcher(xml);
        if (m.find()) {
          (m.group(1).equals("false") ? off : on)
              .add(root.display(f) + " lock " + (m.group(1).equals("false") ? "off" : "on"));
        }
      }
    }
    if (!off.isEmpty()) {
      return CheckResult.fail(id(), off);
    }
    if (!on.isEmpty()) {
      return new CheckResult(id(), Status.PASS, on);
    }
    boolean desktop =
        !root.list("/usr/share/xsessions").isEmpty()
            || !root.list("/usr/share/wayland-sessions").isEmpty();
    if (!desktop) {
      return CheckResult.notApplicable(id(), "no desktop session installed");
    }
    return CheckResult.unknown(
        id(),
        "a desktop is installed but no readable lock setting was found (GNOME locks by default)");
  }
}
