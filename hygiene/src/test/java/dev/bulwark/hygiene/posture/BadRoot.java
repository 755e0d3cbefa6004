package dev.bulwark.hygiene.posture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A system root set up badly on purpose, one planted problem per probe. Every credential in it is
 * made up.
 */
public final class BadRoot {
  private BadRoot() {}

  public static Path build(Path root) throws IOException {
    write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\nwww:x:33:33::/var/www:/usr/sbin/nologin\n");
    write(root, "etc/crypttab", "# <target name> <source device> <key file> <options>\n");
    write(root, "usr/share/xsessions/xfce.desktop", "[Desktop Entry]\nName=Xfce\n");
    write(
        root,
        "home/alice/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml",
        "<?xml version=\"1.0\"?><channel name=\"xfce4-screensaver\"><property name=\"lock\" type=\"empty\"><property name=\"enabled\" type=\"bool\" value=\"false\"/></property></channel>\n");
    write(
        root,
        "etc/apt/apt.conf.d/20auto-upgrades",
        "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"0\";\n");
    write(
        root,
        "var/lib/dpkg/status",
        "Package: bash\nStatus: install ok installed\n\nPackage: unattended-upgrades\nStatus: deinstall ok config-files\n");
    write(root, "etc/ufw/ufw.conf", "ENABLED=no\nLOGLEVEL=low\n");
    write(
        root,
        "etc/iptables/rules.v4",
        "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
    write(
        root,
        "etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\nPermitRootLogin yes\nPermitEmptyPasswords yes\n");
    write(root, "etc/ssh/sshd_config.d/50-cloud.conf", "PasswordAuthentication yes\n");
    write(
        root,
        "proc/net/tcp",
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            + "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"
            + "   1: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1\n"
            + "   2: 00000000:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1\n");
    write(
        root,
        "etc/sudoers",
        "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n");
    write(root, "etc/sudoers.d/alice", "alice ALL=(ALL) NOPASSWD: ALL\n");
    write(root, "etc/sudoers.d/lazy", "Defaults !authenticate\n");
    write(
        root,
        "etc/environment",
        "PATH=\"/usr/local/sbin:/usr/local/bin:/usr/bin:/bin:/opt/shared/bin\"\n");
    Files.createDirectories(root.resolve("opt/shared/bin"));
    Files.setPosixFilePermissions(
        root.resolve("opt/shared/bin"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createDirectories(root.resolve("usr/bin"));
    write(
        root,
        "home/alice/.config/chromium/Default/Extensions/abcdefghijklmnop/1.0_0/manifest.json",
        "{\"manifest_version\":3,\"name\":\"Coupon Helper\",\"version\":\"1.0\",\"permissions\":[\"storage\",\"tabs\"],\"host_permissions\":[\"<all_urls>\"]}");
    write(
        root,
        "home/alice/.mozilla/firefox/x1.default-release/extensions.json",
        "{\"addons\":[{\"id\":\"reader@example\",\"type\":\"extension\",\"location\":\"app-profile\",\"active\":true,\"defaultLocale\":{\"name\":\"Page Reader\"},\"userPermissions\":{\"permissions\":[\"tabs\"],\"origins\":[\"<all_urls>\"]}}]}");
    write(root, "home/alice/.ssh/id_ed25519", opensshKey("none"));
    write(
        root,
        "home/alice/.ssh/id_ed25519.pub",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMadeUpMadeUpMadeUpMadeUpMadeUpMadeUp alice@laptop\n");
    write(
        root, "home/alice/.gitconfig", "[user]\n\tname = Alice\n[credential]\n\thelper = store\n");
    write(root, "home/alice/.git-credentials", "https://alice:madeuptoken123@git.example.org\n");
    write(
        root,
        "home/alice/.bash_history",
        "ls -la\nmysql -u root -pMadeUpPass99 shop\nexport API_TOKEN=madeup0123456789abcdef\ncurl -u alice:notreal42 https://api.example\ncd ~\n");
    return root;
  }

  /** An OpenSSH private key container with the given cipher name; the key blob is filler. */
  static String opensshKey(String cipher) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
    for (String s : new String[] {cipher, cipher.equals("none") ? "none" : "bcrypt", ""}) {
      byte[] v = s.getBytes(StandardCharsets.US_ASCII);
      b.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(v.length).array());
      b.writeBytes(v);
    }
    b.writeBytes(new byte[64]);
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(b.toByteArray())
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
  }

  static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
