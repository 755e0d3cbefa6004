package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.hygiene.passwords.Account;
import dev.bulwark.hygiene.passwords.Password;
import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks for accounts one at a time at the terminal: the site's name is shown as typed, the password
 * is not (the terminal's hidden input, read into a character array that the audit wipes).
 */
final class PasswordPrompt {
  /** Most accounts one session asks for: typing more is what an export is for. */
  static final int MAX_ACCOUNTS = 500;

  /** Where the answers come from: the terminal, or a script in tests. */
  interface Terminal {
    /** A line shown as typed; null at end of input. */
    String line(String prompt);

    /** A line not shown; null at end of input. */
    char[] hidden(String prompt);
  }

  private PasswordPrompt() {}

  /** The terminal, when there is one: hidden input needs a real terminal. */
  static Terminal console() throws InputException {
    Console c = System.console();
    if (c == null || !isTerminal(c)) {
      throw new InputException(
          "--prompt needs a terminal to hide what you type: run it in one, or use --export FILE");
    }
    return new Terminal() {
      @Override
      public String line(String prompt) {
        return c.readLine("%s", prompt);
      }

      @Override
      public char[] hidden(String prompt) {
        return c.readPassword("%s", prompt);
      }
    };
  }

  /**
   * Whether the console is a terminal. Since Java 22 a console exists even when input is
   * redirected, and {@code isTerminal} tells; the code is built for an older release, so it asks by
   * name. Before 22 a console existed only on a terminal.
   */
  private static boolean isTerminal(Console c) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Site, then password, until an empty site name or the end of input. */
  static List<Account> ask(Terminal t) {
    List<Account> out = new ArrayList<>();
    while (out.size() < MAX_ACCOUNTS) {
      String site = t.line("Site or account (empty to finish): ");
      if (site == null || site.isBlank()) {
        break;
      }
      char[] pw = t.hidden("Password for " + site.strip() + " (not shown): ");
      if (pw == null) {
        break;
      }
      if (pw.length == 0) {
        continue; // nothing typed: skip this site
      }
      out.add(new Account(site, "", new Password(pw), Optional.empty()));
    }
    return out;
  }
}
