package dev.bulwark.suite.helpers;

/** A plain mutable pair of values. */
public class Holder {
  public String value;
  public String other;
}
