package dev.bulwark.code.taint;

/**
 * A precise model of one family of JDK types that carry data between variables. {@link
 * TypeModels#JDK} asks the models in order; the first that covers a call answers it, and the
 * library model is consulted only when none does or the one that does gives no answer. The families
 * whose objects hold data in the heap share {@link ObjectModel}, which covers a call by a table of
 * the family's types; strings, static factories and properties decide for themselves.
 */
interface TypeModel {
  /** Whether the call belongs to this family; the models after this one are then not asked. */
  boolean covers(Engine e, CallSite call);

  /** The call's result; null when the family does not model this method. */
  Value call(Engine e, CallSite call);
}
