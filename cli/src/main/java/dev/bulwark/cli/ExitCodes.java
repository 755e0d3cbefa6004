package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.terminal.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place where failures become exit statuses: 0 clean, 1 findings at or above {@code
 * --fail-on}, 2 usage or input error, 3 internal error.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof InputException) {
      // messages name files and quote inputs
      err.println("bulwark: " + TerminalText.block(ex.getMessage()));
      return USAGE;
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof dev.bulwark.ai.llm.LlmException llm) {
        // a model that cannot be reached is a setting to correct, not a fault in Bulwark
        err.println(
            "bulwark: the language model did not answer: "
                + TerminalText.block(String.valueOf(llm.getMessage()))
                + "\n  check llm.endpoint and llm.model in bulwark.yaml, BULWARK_LLM_ENDPOINT and"
                + " BULWARK_LLM_MODEL, or --endpoint and --model");
        return USAGE;
      }
    }
    if (ex instanceof java.nio.file.NoSuchFileException missing) {
      err.println(
          "bulwark: " + TerminalText.line(missing.getFile()) + ": no such file or directory");
      return USAGE;
    }
    if (ex instanceof CommandLine.ParameterException) {
      err.println("bulwark: " + ex.getMessage());
      return USAGE;
    }
    if (ex instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println("bulwark: interrupted");
      return 130;
    }
    err.println("bulwark: internal error: " + TerminalText.block(String.valueOf(ex)));
    if (System.getenv("BULWARK_DEBUG") != null) {
      ex.printStackTrace(err);
    } else {
      err.println("(set BULWARK_DEBUG=1 for the stack trace)");
    }
    return INTERNAL;
  }
}
