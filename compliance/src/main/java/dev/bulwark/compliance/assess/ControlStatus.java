package dev.bulwark.compliance.assess;

/** What Bulwark's evidence says about one control. */
public enum ControlStatus {
  /** Recent evidence and no failing finding. */
  SATISFIED,
  /** Recent evidence with findings that fail the control. */
  NOT_SATISFIED,
  /** Bulwark can speak to the control, but no recent run of the right analyzers was given. */
  NO_EVIDENCE,
  /** No Bulwark result speaks to the control; it is assessed elsewhere. */
  NOT_ASSESSED
}
