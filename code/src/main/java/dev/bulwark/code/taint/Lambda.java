package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import java.util.List;
import java.util.Map;

/**
 * A lambda or method reference as a value: what it runs, and the variables it captured. A method
 * reference is kept as the target method plus an optional bound receiver.
 */
record Lambda(
    List<Parameter> parameters,
    Node body,
    Map<String, Value> captured,
    ClassInfo owner,
    Value self,
    MethodInfo method,
    Value boundReceiver,
    String libraryOwner,
    String libraryMethod) {}
