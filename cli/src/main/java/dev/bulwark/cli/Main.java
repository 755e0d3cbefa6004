package dev.bulwark.cli;

/** Entry point of the {@code bulwark} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit status; used by tests as well. */
  public static int run(String... args) {
    return BulwarkCommand.commandLine(args).execute(args);
  }
}
