package dev.bulwark.stream;

/**
 * An incident as the job passes it on and stores it: flat, like {@link Alert}. Its id is logs'
 * incident id, derived from the detections it groups, so a replay that forms the same incident
 * writes the same id and the store keeps one row.
 *
 * @param first the first detection's time (ISO-8601), or null
 * @param last the last detection's time (ISO-8601), or null
 * @param hosts the hosts involved, one a line
 * @param users the named users involved, one a line
 * @param detections how many detections the incident groups
 * @param body the whole incident as JSON (the store's row body and the incidents topic's message)
 */
public record IncidentOut(
    String id,
    String title,
    int score,
    String first,
    String last,
    String hosts,
    String users,
    int detections,
    String body) {}
