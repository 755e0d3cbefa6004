package dev.bulwark.mail.message;

/**
 * Why a message looks bad: a short code, the points it adds, a sentence for the analyst, and where
 * in the message it was seen ({@code header:From}, {@code url:…}, {@code attachment:…}, {@code
 * body:…}).
 */
public record Reason(String code, int points, String description, String location) {}
