package dev.bulwark.threatmodel.model;

/** Where an element of a model was written: file and line. */
public record SourceRef(String file, int line) {}
