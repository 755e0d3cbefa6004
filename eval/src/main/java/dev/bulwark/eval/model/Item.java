package dev.bulwark.eval.model;

/**
 * One item of a model suite: an id, the text the item is about (a description, a file, a group of
 * messages), the exact prompt a model is sent, and the expected answer.
 */
public record Item(String id, String description, String prompt, String expected) {}
