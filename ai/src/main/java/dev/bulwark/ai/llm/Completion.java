package dev.bulwark.ai.llm;

/** What a model answered, with the model's own name for itself and the tokens it counted. */
public record Completion(String text, String model, int promptTokens, int completionTokens) {}
