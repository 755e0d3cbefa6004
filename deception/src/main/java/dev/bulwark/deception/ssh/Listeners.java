package dev.bulwark.deception.ssh;

import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.shell.Shell;

/** Shell happenings as Cowrie events. */
final class Listeners {
  private Listeners() {}

  static Shell.Listener of(SessionEvents events) {
    return new Shell.Listener() {
      @Override
      public void unknown(String input) {
        events.emit("cowrie.command.failed", "Command not found: " + input, "input", input);
      }

      @Override
      public void download(String url, String outfile) {
        events.emit(
            "cowrie.session.file_download",
            "Download attempt of " + url + " recorded; nothing was fetched",
            "url",
            url,
            "outfile",
            outfile,
            "destfile",
            outfile);
      }
    };
  }
}
