package dev.bulwark.code.taint;

import java.util.List;

/**
 * A family of JDK types whose abstract objects carry data — maps, collections, iterators, streams,
 * optionals, builders. It covers a call made on an object of the heap whose type belongs to the
 * family: the receiver's static type, or, where the family lists them, the object's own type (a
 * {@code Collection} field holding an {@code ArrayList}). What each method does with the object is
 * the subclass's.
 */
abstract class ObjectModel implements TypeModel {
  private final List<String> receiverTypes;
  private final List<String> objectTypes;

  /**
   * @param receiverTypes a call whose receiver's static type is a subtype of one of these is
   *     covered
   * @param objectTypes a call on an object whose own type is a subtype of one of these is covered
   */
  ObjectModel(List<String> receiverTypes, List<String> objectTypes) {
    this.receiverTypes = receiverTypes;
    this.objectTypes = objectTypes;
  }

  @Override
  public final boolean covers(Engine e, CallSite call) {
    Obj ro = call.receiverObject();
    return ro != null && belongs(e, call.owner(), ro);
  }

  /** Whether a call on {@code ro}, typed {@code owner} at the call, is one of this family's. */
  boolean belongs(Engine e, String owner, Obj ro) {
    for (String t : receiverTypes) {
      if (TypeModels.is(e, owner, t)) {
        return true;
      }
    }
    for (String t : objectTypes) {
      if (TypeModels.is(e, ro.type, t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public final Value call(Engine e, CallSite call) {
    return call(e, call, call.receiverObject());
  }

  /** The call's result, given the receiver's object; null when the family does not model it. */
  abstract Value call(Engine e, CallSite call, Obj ro);
}
