package dev.bulwark.code.project;

import com.github.javaparser.ast.CompilationUnit;
import java.util.List;
import java.util.Map;

/**
 * One parsed source file: its path as reported, package, and imports — single-type ({@code simple →
 * fully qualified}), on-demand packages and static members.
 */
public record SourceUnit(
    String path,
    CompilationUnit cu,
    String packageName,
    Map<String, String> singleImports,
    List<String> onDemandImports,
    Map<String, String> staticImports,
    List<String> staticOnDemand) {}
