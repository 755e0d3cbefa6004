package dev.bulwark.cli;

/** Entry point of the {@code bulwark} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit status; used by tests as well. */
  public static int run(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the version alone needs no command model: answer before picocli reads any annotation
      for (String line : new BulwarkCommand.Version().getVersion()) {
        System.out.println(line);
      }
      return 0;
    }
    return BulwarkCommand.commandLine(args).execute(args);
  }
}
