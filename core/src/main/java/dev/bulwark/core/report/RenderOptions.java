package dev.bulwark.core.report;

/** How the terminal summary is drawn: colours (only on a terminal without NO_COLOR) and width. */
public record RenderOptions(boolean color, int width) {
  public static RenderOptions plain() {
    return new RenderOptions(false, 100);
  }
}
