package dev.bulwark.code.fix.spi;

import java.util.List;

/**
 * Turns one finding into candidate patches, smallest first. A template only proposes; the verifier
 * decides. Returning nothing means the shape of the code is not one this template knows — never a
 * guess.
 */
public interface FixTemplate {
  /** The rules this template fixes. */
  List<String> rules();

  List<Candidate> propose(FixContext ctx);
}
