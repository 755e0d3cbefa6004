package dev.bulwark.deception.shell;

import dev.bulwark.deception.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bash look-alike that answers from the profile and the session's {@link FakeFs}. It parses what
 * the attacker types and prints what a Debian host would; it never starts a process, opens a real
 * file or a socket. Downloads ({@code wget}, {@code curl}) are reported to the listener and fail as
 * a host without name resolution would. Work is bounded: input length, output size, nesting of
 * {@code sh -c} and the number of commands in a line.
 */
public final class Shell {
  /** What the shell tells the honeypot about. */
  public interface Listener {
    /** A command name the profile does not know (Cowrie's {@code cowrie.command.failed}). */
    void unknown(String input);

    /** A download the attacker asked for; nothing is fetched. */
    void download(String url, String outfile);
  }

  static final int MAX_OUTPUT = 256 * 1024;
  static final int MAX_COMMANDS = 256;
  static final int MAX_DEPTH = 4;

  private static final DateTimeFormatter WGET_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final Set<String> BUILTINS =
      Set.of(
          "ls",
          "cd",
          "pwd",
          "cat",
          "echo",
          "id",
          "whoami",
          "uname",
          "ps",
          "hostname",
          "w",
          "who",
          "uptime",
          "nproc",
          "free",
          "df",
          "wget",
          "curl",
          "exit",
          "logout",
          "rm",
          "mkdir",
          "touch",
          "chmod",
          "chown",
          "cp",
          "mv",
          "which",
          "sudo",
          "env",
          "sh",
          "bash",
          "false",
          ":",
          "head",
          "grep",
          "wc",
          "lscpu");

  private final Profile profile;
  private final FakeFs fs;
  private final String user;
  private final String home;
  private final Listener listener;
  private final Instant started = Instant.now();
  private final Map<String, String> vars = new HashMap<>();
  private String cwd;
  private int status;
  private boolean exited;

  public Shell(Profile profile, FakeFs fs, String user, Listener listener) {
    this.profile = profile;
    this.fs = fs;
    this.user = user;
    this.home = user.equals("root") ? "/root" : "/home/" + user;
    this.listener = listener;
    if (!fs.isDir(home)) {
      fs.mkdir(home, user);
    }
    this.cwd = home;
  }

  public String prompt() {
    String shown =
        cwd.equals(home)
            ? "~"
            : cwd.startsWith(home + "/") ? "~" + cwd.substring(home.length()) : cwd;
    return user + "@" + profile.hostname() + ":" + shown + (user.equals("root") ? "# " : "$ ");
  }

  public String motd() {
    return profile.shell().motd();
  }

  public boolean exited() {
    return exited;
  }

  public int status() {
    return status;
  }

  /** Runs one line of input and returns what the terminal shows (newlines as {@code \n}). */
  public String run(String line) {
    StringBuilder out = new StringBuilder();
    run(line, out, 0);
    if (out.length() > MAX_OUTPUT) {
      out.setLength(MAX_OUTPUT);
    }
    return out.toString();
  }

  private void run(String line, StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    List<Parsed.Step> steps = Parsed.split(line, MAX_COMMANDS);
    String pipeIn = null;
    for (Parsed.Step step : steps) {
      if (exited) {
        return;
      }
      if (step.joiner() == Parsed.Joiner.AND && status != 0
          || step.joiner() == Parsed.Joiner.OR && status == 0) {
        continue;
      }
      List<String> words = new ArrayList<>();
      for (String w : step.words()) {
        words.add(expand(w));
      }
      String redirect = step.redirect();
      boolean piped = step.pipesOut();
      StringBuilder own = new StringBuilder();
      status = command(words, pipeIn, own, depth);
      String text = own.toString();
      if (piped) {
        pipeIn = text;
      } else {
        pipeIn = null;
        if (redirect != null && !redirect.equals("/dev/null")) {
          String path = FakeFs.resolve(cwd, home, redirect);
          if (!fs.write(path, text.getBytes(StandardCharsets.UTF_8), step.append(), user)) {
            out.append("-bash: ").append(redirect).append(": No such file or directory\n");
          }
        } else if (redirect == null) {
          out.append(text);
        }
      }
      if (out.length() > MAX_OUTPUT) {
        return;
      }
    }
  }

  private String expand(String w) {
    if (w.indexOf('$') < 0) {
      return w;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c != '$' || i + 1 >= w.length()) {
        b.append(c);
        continue;
      }
      int j = i + 1;
      boolean braced = w.charAt(j) == '{';
      if (braced) {
        j++;
      }
      int start = j;
      if (j < w.length() && w.charAt(j) == '?') {
        j++;
      } else {
        while (j < w.length() && (Character.isLetterOrDigit(w.charAt(j)) || w.charAt(j) == '_')) {
          j++;
        }
      }
      if (j == start) {
        b.append(c);
        continue;
      }
      String name = w.substring(start, j);
      if (braced && j < w.length() && w.charAt(j) == '}') {
        j++;
      }
      b.append(variable(name));
      i = j - 1;
    }
    return b.toString();
  }

  private String variable(String name) {
    return switch (name) {
      case "HOME" -> home;
      case "USER", "LOGNAME" -> user;
      case "PWD" -> cwd;
      case "SHELL" -> "/bin/bash";
      case "HOSTNAME" -> profile.hostname();
      case "PATH" -> "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
      case "?" -> Integer.toString(status);
      default -> vars.getOrDefault(name, "");
    };
  }

  private int command(List<String> words, String stdin, StringBuilder out, int depth) {
    if (words.isEmpty()) {
      return status;
    }
    String cmd = words.get(0);
    List<String> args = words.subList(1, words.size());
    int eq = cmd.indexOf('=');
    if (eq > 0 && cmd.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      if (vars.size() < 256) {
        vars.put(cmd.substring(0, eq), cmd.substring(eq + 1));
      }
      return words.size() == 1 ? 0 : command(words.subList(1, words.size()), stdin, out, depth);
    }
    if (cmd.contains("()")) {
      // a function definition (a fork bomb's first half): bash accepts it and prints nothing
      return 0;
    }
    String base = cmd.startsWith("/") && !cmd.endsWith("/") ? FakeFs.name(cmd) : cmd;
    if (cmd.startsWith("/") && !isOnPath(cmd)) {
      base = null;
    }
    if (base != null && BUILTINS.contains(base)) {
      return builtin(base, args, stdin, out, depth);
    }
    if (base != null && profile.shell().silent().contains(base)) {
      return 0;
    }
    if (cmd.contains("/")) {
      String path = FakeFs.resolve(cwd, home, cmd);
      FakeFs.Node n = fs.get(path);
      if (n == null) {
        out.append("-bash: ").append(cmd).append(": No such file or directory\n");
        return 127;
      }
      out.append("-bash: ").append(cmd).append(": Permission denied\n");
      return 126;
    }
    listener.unknown(String.join(" ", words));
    out.append("-bash: ").append(cmd).append(": command not found\n");
    return 127;
  }

  private static boolean isOnPath(String path) {
    String dir = FakeFs.parent(path);
    return dir.equals("/bin")
        || dir.equals("/usr/bin")
        || dir.equals("/sbin")
        || dir.equals("/usr/sbin");
  }

  private int builtin(String cmd, List<String> args, String stdin, StringBuilder out, int depth) {
    switch (cmd) {
      case "pwd" -> out.append(cwd).append('\n');
      case "whoami" -> out.append(user).append('\n');
      case "id" -> out.append(id()).append('\n');
      case "hostname" -> out.append(profile.hostname()).append('\n');
      case "nproc" -> out.append("2\n");
      case "false" -> {
        return 1;
      }
      case ":" -> {
        return 0;
      }
      case "exit", "logout" -> {
        exited = true;
        return 0;
      }
      case "echo" -> echo(args, out);
      case "uname" -> out.append(uname(args)).append('\n');
      case "ps" -> out.append(profile.shell().ps());
      case "uptime" -> out.append(uptime()).append('\n');
      case "w", "who" -> {
        if (cmd.equals("w")) {
          out.append(uptime()).append('\n');
          out.append("USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\n");
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s pts/0    %-16s %s    0.00s  0.02s  0.00s %s%n",
                user,
                "",
                "09:14",
                cmd.equals("w") ? "w" : ""));
      }
      case "free" ->
          out.append(
              "               total        used        free      shared  buff/cache   available\n"
                  + "Mem:         4014012     1142092      612344       10240     2259576     2871920\n"
                  + "Swap:         998396           0      998396\n");
      case "df" ->
          out.append(
              "Filesystem     1K-blocks    Used Available Use% Mounted on\n"
                  + "udev             1985140       0   1985140   0% /dev\n"
                  + "tmpfs             401404     584    400820   1% /run\n"
                  + "/dev/sda1       30787492 4312876  24884588  15% /\n"
                  + "tmpfs            2007004       0   2007004   0% /dev/shm\n");
      case "lscpu" ->
          out.append(
              "Architecture:            x86_64\n  CPU op-mode(s):        32-bit, 64-bit\n"
                  + "CPU(s):                  2\nVendor ID:               GenuineIntel\n"
                  + "  Model name:            Intel(R) Xeon(R) Gold 6254 CPU @ 3.10GHz\n");
      case "cd" -> {
        String target = args.isEmpty() ? home : args.get(0);
        String path = FakeFs.resolve(cwd, home, target);
        if (fs.isDir(path)) {
          cwd = path;
        } else {
          out.append("-bash: cd: ")
              .append(target)
              .append(
                  fs.get(path) == null ? ": No such file or directory\n" : ": Not a directory\n");
          return 1;
        }
      }
      case "ls" -> {
        return ls(args, out);
      }
      case "cat" -> {
        return cat(args, stdin, out);
      }
      case "head" -> {
        String text = stdin != null ? stdin : "";
        String[] lines = text.split("\n", -1);
        int count = 10;
        for (int i = 0; i < args.size(); i++) {
          String a = args.get(i);
          String v =
              a.equals("-n") && i + 1 < args.size()
                  ? args.get(i + 1)
                  : a.matches("-\\d+") ? a.substring(1) : null;
          if (v != null && v.matches("\\d{1,6}")) {
            count = Integer.parseInt(v);
          }
        }
        for (int i = 0; i < Math.min(count, lines.length - 1); i++) {
          out.append(lines[i]).append('\n');
        }
      }
      case "wc" -> {
        String text = stdin != null ? stdin : "";
        long lines = text.chars().filter(c -> c == '\n').count();
        out.append(
            args.contains("-l")
                ? lines + "\n"
                : String.format(
                    Locale.ROOT,
                    "%7d %7d %7d%n",
                    lines,
                    text.isBlank() ? 0 : text.trim().split("\\s+").length,
                    text.length()));
      }
      case "grep" -> {
        if (args.isEmpty()) {
          out.append("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
          return 2;
        }
        String pattern = args.get(args.size() == 1 ? 0 : args.size() - 1);
        String needle = args.get(0).startsWith("-") && args.size() > 1 ? args.get(1) : args.get(0);
        String text = stdin;
        if (args.size() > 1 && !args.get(args.size() - 1).equals(needle)) {
          FakeFs.Node n = fs.get(FakeFs.resolve(cwd, home, pattern));
          text = n == null || n.dir() ? "" : new String(n.content(), StandardCharsets.UTF_8);
        }
        boolean any = false;
        for (String l : (text == null ? "" : text).split("\n")) {
          if (l.contains(needle)) {
            out.append(l).append('\n');
            any = true;
          }
        }
        return any ? 0 : 1;
      }
      case "mkdir" -> {
        for (String a : args) {
          if (!a.startsWith("-")
              && !fs.mkdir(FakeFs.resolve(cwd, home, a), user)
              && !args.contains("-p")) {
            out.append("mkdir: cannot create directory '").append(a).append("': File exists\n");
            return 1;
          }
        }
      }
      case "touch" -> {
        for (String a : args) {
          String p = FakeFs.resolve(cwd, home, a);
          if (!a.startsWith("-") && fs.get(p) == null && !fs.write(p, new byte[0], false, user)) {
            out.append("touch: cannot touch '").append(a).append("': No such file or directory\n");
            return 1;
          }
        }
      }
      case "rm" -> {
        boolean recursive =
            args.stream().anyMatch(a -> a.startsWith("-") && (a.contains("r") || a.contains("R")));
        for (String a : args) {
          if (a.startsWith("-")) {
            continue;
          }
          String p = FakeFs.resolve(cwd, home, a);
          if (p.equals("/") && !args.contains("--no-preserve-root")) {
            out.append(
                "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            return 1;
          }
          FakeFs.Node n = fs.get(p);
          if (n == null) {
            if (args.stream().noneMatch(x -> x.startsWith("-") && x.contains("f"))) {
              out.append("rm: cannot remove '").append(a).append("': No such file or directory\n");
            }
          } else if (n.dir() && !recursive) {
            out.append("rm: cannot remove '").append(a).append("': Is a directory\n");
          } else {
            fs.remove(p, recursive);
          }
        }
      }
      case "chmod", "chown" -> {
        if (args.size() < 2) {
          out.append(cmd).append(": missing operand\n");
          return 1;
        }
        for (String a : args.subList(1, args.size())) {
          String p = FakeFs.resolve(cwd, home, a);
          if (fs.get(p) == null) {
            out.append(cmd)
                .append(": cannot access '")
                .append(a)
                .append("': No such file or directory\n");
            return 1;
          }
          if (cmd.equals("chmod") && args.get(0).contains("x")) {
            fs.chmod(p, 0755);
          }
        }
      }
      case "cp", "mv" -> {
        List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (files.size() < 2) {
          out.append(cmd).append(": missing file operand\n");
          return 1;
        }
        String from = FakeFs.resolve(cwd, home, files.get(0));
        String to = FakeFs.resolve(cwd, home, files.get(1));
        FakeFs.Node n = fs.get(from);
        if (n == null || n.dir()) {
          out.append(cmd)
              .append(": cannot stat '")
              .append(files.get(0))
              .append("': No such file or directory\n");
          return 1;
        }
        if (fs.isDir(to)) {
          to = to.equals("/") ? "/" + FakeFs.name(from) : to + "/" + FakeFs.name(from);
        }
        fs.write(to, n.content(), false, user);
        if (cmd.equals("mv")) {
          fs.remove(from, false);
        }
      }
      case "which" -> {
        for (String a : args) {
          if (BUILTINS.contains(a) && !a.equals(":")) {
            out.append(a.equals("cd") ? "" : "/usr/bin/" + a + "\n");
          }
        }
      }
      case "env" ->
          out.append("SHELL=/bin/bash\nPWD=")
              .append(cwd)
              .append("\nLOGNAME=")
              .append(user)
              .append("\nHOME=")
              .append(home)
              .append("\nLANG=C.UTF-8\nUSER=")
              .append(user)
              .append("\nPATH=")
              .append(variable("PATH"))
              .append('\n');
      case "sudo" -> {
        if (args.isEmpty()) {
          out.append("usage: sudo -h | -K | -k | -V\n");
          return 1;
        }
        List<String> rest =
            args.get(0).startsWith("-") && args.size() > 1 ? args.subList(1, args.size()) : args;
        return command(new ArrayList<>(rest), stdin, out, depth + 1);
      }
      case "sh", "bash" -> {
        int c = args.indexOf("-c");
        if (c >= 0 && c + 1 < args.size()) {
          run(args.get(c + 1), out, depth + 1);
          return status;
        }
        if (!args.isEmpty()) {
          String p = FakeFs.resolve(cwd, home, args.get(0));
          if (fs.get(p) == null) {
            out.append(
                cmd.equals("sh")
                    ? "sh: 0: cannot open " + args.get(0) + ": No such file\n"
                    : "bash: " + args.get(0) + ": No such file or directory\n");
            return cmd.equals("sh") ? 2 : 127;
          }
        }
      }
      case "wget" -> {
        return wget(args, out);
      }
      case "curl" -> {
        return curl(args, out);
      }
      default -> throw new IllegalStateException("builtin without a body: " + cmd);
    }
    return 0;
  }

  private String id() {
    if (user.equals("root")) {
      return "uid=0(root) gid=0(root) groups=0(root)";
    }
    return "uid=1000("
        + user
        + ") gid=1000("
        + user
        + ") groups=1000("
        + user
        + "),4(adm),27(sudo)";
  }

  private String uptime() {
    Duration up = Duration.ofDays(7).plusHours(3).plus(Duration.between(started, Instant.now()));
    String now =
        DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now());
    return " "
        + now
        + " up "
        + up.toDays()
        + " days,  "
        + up.toHoursPart()
        + ":"
        + String.format(Locale.ROOT, "%02d", up.toMinutesPart())
        + ",  1 user,  load average: 0.00, 0.01, 0.00";
  }

  private String uname(List<String> args) {
    Profile.ShellFacts f = profile.shell();
    if (args.isEmpty()) {
      return f.kernelName();
    }
    String flags =
        String.join(
            "", args.stream().filter(a -> a.startsWith("-")).map(a -> a.substring(1)).toList());
    if (flags.contains("a") || args.contains("--all")) {
      return String.join(
          " ",
          f.kernelName(),
          profile.hostname(),
          f.kernelRelease(),
          f.kernelVersion(),
          f.machine(),
          f.operatingSystem());
    }
    List<String> parts = new ArrayList<>();
    for (char c : flags.toCharArray()) {
      switch (c) {
        case 's' -> parts.add(f.kernelName());
        case 'n' -> parts.add(profile.hostname());
        case 'r' -> parts.add(f.kernelRelease());
        case 'v' -> parts.add(f.kernelVersion());
        case 'm', 'p', 'i' -> parts.add(f.machine());
        case 'o' -> parts.add(f.operatingSystem());
        default -> {
          return "uname: invalid option -- '" + c + "'\nTry 'uname --help' for more information.";
        }
      }
    }
    return String.join(" ", parts);
  }

  private void echo(List<String> args, StringBuilder out) {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      newline &= !args.get(i).contains("n");
      escapes |= args.get(i).contains("e");
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    out.append(escapes ? unescape(text) : text);
    if (newline) {
      out.append('\n');
    }
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case '\\' -> b.append('\\');
        case 'x' -> {
          int end = i + 1;
          while (end < s.length() && end < i + 3 && Character.digit(s.charAt(end), 16) >= 0) {
            end++;
          }
          if (end == i + 1) {
            b.append("\\x");
          } else {
            b.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
            i = end - 1;
          }
        }
        default -> b.append('\\').append(n);
      }
    }
    return b.toString();
  }

  private int ls(List<String> args, StringBuilder out) {
    boolean longForm = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("l"));
    boolean all = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("a"));
    List<String> targets = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (targets.isEmpty()) {
      targets = List.of(".");
    }
    int rc = 0;
    for (String t : targets) {
      String p = FakeFs.resolve(cwd, home, t);
      FakeFs.Node n = fs.get(p);
      if (n == null) {
        out.append("ls: cannot access '").append(t).append("': No such file or directory\n");
        rc = 2;
        continue;
      }
      List<String> names = n.dir() ? new ArrayList<>(fs.list(p)) : List.of(t);
      if (n.dir() && all) {
        names.add(0, "..");
        names.add(0, ".");
      }
      if (targets.size() > 1 && n.dir()) {
        out.append(t).append(":\n");
      }
      if (longForm) {
        if (n.dir()) {
          out.append("total ").append(names.size() * 4).append('\n');
        }
        for (String name : names) {
          String child = n.dir() ? FakeFs.resolve(p, home, name) : p;
          FakeFs.Node c = fs.get(child);
          if (c == null) {
            continue;
          }
          out.append(c.dir() ? 'd' : '-')
              .append(mode(c.mode()))
              .append(
                  String.format(
                      Locale.ROOT,
                      " %2d %-4s %-4s %8d ",
                      c.dir() ? 2 : 1,
                      c.owner(),
                      c.owner(),
                      c.size()))
              .append(
                  DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
                      .withZone(ZoneOffset.UTC)
                      .format(c.mtime()))
              .append(' ')
              .append(name)
              .append('\n');
        }
      } else if (!names.isEmpty()) {
        out.append(String.join("  ", names)).append('\n');
      }
    }
    return rc;
  }

  private static String mode(int m) {
    StringBuilder b = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int v = (m >> shift) & 7;
      b.append((v & 4) != 0 ? 'r' : '-')
          .append((v & 2) != 0 ? 'w' : '-')
          .append((v & 1) != 0 ? 'x' : '-');
    }
    return b.toString();
  }

  private int cat(List<String> args, String stdin, StringBuilder out) {
    List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (files.isEmpty()) {
      out.append(stdin == null ? "" : stdin);
      return 0;
    }
    int rc = 0;
    for (String f : files) {
      FakeFs.Node n = fs.get(FakeFs.resolve(cwd, home, f));
      if (n == null) {
        out.append("cat: ").append(f).append(": No such file or directory\n");
        rc = 1;
      } else if (n.dir()) {
        out.append("cat: ").append(f).append(": Is a directory\n");
        rc = 1;
      } else {
        out.append(new String(n.content(), StandardCharsets.UTF_8));
      }
      if (out.length() > MAX_OUTPUT) {
        break;
      }
    }
    return rc;
  }

  private int wget(List<String> args, StringBuilder out) {
    List<String> urls = new ArrayList<>();
    String outfile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("-O") || a.equals("--output-document")) && i + 1 < args.size()) {
        outfile = args.get(++i);
      } else if (!a.startsWith("-")) {
        urls.add(a);
      }
    }
    if (urls.isEmpty()) {
      out.append(
          "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    for (String url : urls) {
      String target = outfile != null ? outfile : defaultName(url);
      listener.download(url, FakeFs.resolve(cwd, home, target));
      String host = host(url);
      out.append("--")
          .append(WGET_TIME.format(Instant.now()))
          .append("--  ")
          .append(url)
          .append('\n')
          .append("Resolving ")
          .append(host)
          .append(" (")
          .append(host)
          .append(")... failed: Temporary failure in name resolution.\n")
          .append("wget: unable to resolve host address '")
          .append(host)
          .append("'\n");
    }
    return 4;
  }

  private int curl(List<String> args, StringBuilder out) {
    String url = null;
    String outfile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-o") && i + 1 < args.size()) {
        outfile = args.get(++i);
      } else if (a.equals("-O")) {
        outfile = "";
      } else if (!a.startsWith("-") && url == null) {
        url = a;
      }
    }
    if (url == null) {
      out.append("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    String target = outfile == null ? "-" : outfile.isEmpty() ? defaultName(url) : outfile;
    listener.download(url, target.equals("-") ? "-" : FakeFs.resolve(cwd, home, target));
    out.append("curl: (6) Could not resolve host: ").append(host(url)).append('\n');
    return 6;
  }

  private static String defaultName(String url) {
    String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.isEmpty() ? "index.html" : name;
  }

  static String host(String url) {
    String rest = url.replaceFirst("^[a-zA-Z]+://", "");
    int end = 0;
    while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String h = rest.substring(0, end);
    int at = h.lastIndexOf('@');
    h = at >= 0 ? h.substring(at + 1) : h;
    int colon = h.lastIndexOf(':');
    return colon > 0 && !h.startsWith("[") ? h.substring(0, colon) : h;
  }
}
