package dev.bulwark.deception;

import dev.bulwark.core.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's OpenSSH client (with sshpass for the password), driven as an attacker would. */
public final class OpenSsh {
  /** What a client run printed and returned. */
  public record Result(int exit, String out, String err) {}

  private OpenSsh() {}

  public static boolean available() {
    return Tools.onPath("ssh").isPresent() && Tools.onPath("sshpass").isPresent();
  }

  public static String missing() {
    return Tools.missing("ssh or sshpass", "openssh-client sshpass");
  }

  private static List<String> common(String tool, String password, int port) {
    List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, tool));
    cmd.addAll(
        List.of(
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "PreferredAuthentications=password",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "NumberOfPasswordPrompts=1",
            "-o",
            "ConnectTimeout=10",
            "-o",
            "LogLevel=ERROR",
            tool.equals("ssh") ? "-p" : "-P",
            Integer.toString(port)));
    return cmd;
  }

  /** {@code ssh user@127.0.0.1 command} (or a shell reading {@code stdin} when command is null). */
  public static Result ssh(
      int port, String user, String password, String command, String stdin, boolean tty)
      throws IOException, InterruptedException {
    List<String> cmd = common("ssh", password, port);
    if (tty) {
      cmd.add("-tt");
    } else {
      cmd.add("-T");
    }
    cmd.add(user + "@127.0.0.1");
    if (command != null) {
      cmd.add(command);
    }
    return run(cmd, stdin);
  }

  /** Runs sftp with {@code batch} commands on its standard input. */
  public static Result sftp(int port, String user, String password, String batch)
      throws IOException, InterruptedException {
    List<String> cmd = common("sftp", password, port);
    // not -b: batch mode turns password authentication off; commands come on stdin all the same
    cmd.add(user + "@127.0.0.1");
    return run(cmd, batch);
  }

  /** Legacy-protocol scp ({@code -O}) of one local file to a remote path. */
  public static Result scp(int port, String user, String password, Path local, String remote)
      throws IOException, InterruptedException {
    List<String> cmd = common("scp", password, port);
    cmd.add("-O");
    cmd.add(local.toString());
    cmd.add(user + "@127.0.0.1:" + remote);
    return run(cmd, "");
  }

  static Result run(List<String> cmd, String stdin) throws IOException, InterruptedException {
    Path out = Files.createTempFile("ssh-out", ".txt");
    Path err = Files.createTempFile("ssh-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the server hung up before reading all of it (a limit did its job)
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
