package dev.bulwark.deception.session;

import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.shell.Shell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The line discipline between a byte stream and the {@link Shell}: echo, backspace, ^C and ^D,
 * escape sequences skipped, lines capped in length, input capped in bytes. With a pseudo-terminal
 * it prompts and echoes as bash on a tty does; without one it reads commands silently, as {@code
 * ssh host < script} sees it. Every line becomes a {@code cowrie.command.input} event and goes to
 * the transcript.
 */
public final class Terminal {
  private final Shell shell;
  private final SessionEvents events;
  private final Cast cast;
  private final boolean pty;
  private final int maxLine;
  private final long maxInput;
  private final OutputStream out;
  private long inputBytes;

  public Terminal(
      Shell shell,
      SessionEvents events,
      Cast cast,
      boolean pty,
      int maxLine,
      long maxInput,
      OutputStream out) {
    this.shell = shell;
    this.events = events;
    this.cast = cast;
    this.pty = pty;
    this.maxLine = maxLine;
    this.maxInput = maxInput;
    this.out = out;
  }

  /** Runs one command line as an {@code exec} request does; returns the exit status. */
  public int exec(String command) throws IOException {
    events.emit("cowrie.command.input", "CMD: " + command, "input", command);
    if (cast != null) {
      cast.input(command + "\n");
    }
    String result = shell.run(command);
    write(result);
    return shell.status();
  }

  /** Reads and answers lines until the shell exits, the input ends or a limit is hit. */
  public void interact(InputStream in) throws IOException {
    if (pty) {
      write(shell.motd() + "\n");
      write(shell.prompt());
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean lastCr = false;
    int escape = 0;
    byte[] buf = new byte[4096];
    for (int n; !shell.exited() && (n = in.read(buf)) >= 0; ) {
      inputBytes += n;
      if (inputBytes > maxInput) {
        events.emit(
            "bulwark.session.limit",
            "input limit of " + maxInput + " bytes reached",
            "limit",
            "input-bytes");
        write(pty ? "\r\n" : "");
        return;
      }
      for (int i = 0; i < n && !shell.exited(); i++) {
        int b = buf[i] & 0xff;
        if (escape > 0) {
          // ESC [ … final byte: arrow keys and the like are not part of a command
          escape = (escape == 1 && b == '[') || (escape == 2 && (b < 0x40 || b > 0x7e)) ? 2 : 0;
          continue;
        }
        if (b == 0x1b) {
          escape = 1;
          continue;
        }
        if (b == '\n' && lastCr) {
          lastCr = false;
          continue;
        }
        lastCr = b == '\r';
        if (b == '\r' || b == '\n') {
          if (pty) {
            write("\r\n");
          }
          complete(line.toString(StandardCharsets.UTF_8));
          line.reset();
          if (pty && !shell.exited()) {
            write(shell.prompt());
          }
        } else if (b == 0x03) {
          line.reset();
          if (pty) {
            write("^C\r\n" + shell.prompt());
          }
        } else if (b == 0x04) {
          if (line.size() == 0) {
            write(pty ? "logout\r\n" : "");
            return;
          }
        } else if (b == 0x7f || b == 0x08) {
          if (line.size() > 0) {
            byte[] l = line.toByteArray();
            line.reset();
            line.write(l, 0, l.length - 1);
            if (pty) {
              write("\b \b");
            }
          }
        } else if (b >= 0x20 || b == '\t') {
          if (line.size() < maxLine) {
            line.write(b);
            if (pty) {
              out.write(b);
            }
          }
        }
      }
      out.flush();
    }
    if (!shell.exited() && line.size() > 0) {
      complete(line.toString(StandardCharsets.UTF_8));
    }
  }

  private void complete(String line) throws IOException {
    if (cast != null) {
      cast.input(line + "\n");
    }
    if (line.isBlank()) {
      return;
    }
    events.emit("cowrie.command.input", "CMD: " + line, "input", line);
    String result = shell.run(line);
    if (shell.exited() && pty) {
      result = result + "logout\n";
    }
    write(result);
  }

  private void write(String s) throws IOException {
    if (s.isEmpty()) {
      return;
    }
    String text = pty ? s.replace("\r\n", "\n").replace("\n", "\r\n") : s;
    if (cast != null) {
      cast.output(text);
    }
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
