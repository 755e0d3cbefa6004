package dev.bulwark.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two small JSON-lines logs that make incidents: twelve failed logons from one address against DC01
 * (a brute force) and a shadow-copy deletion on WS07.
 */
final class IncidentLogs {
  private IncidentLogs() {}

  static void write(Path logs) throws java.io.IOException {
    StringBuilder security = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      security.append(
          String.format(
              "{\"Channel\":\"Security\",\"EventID\":4625,\"Computer\":\"DC01\",\"EventRecordID\":%d,"
                  + "\"TimeCreated_SystemTime\":\"2024-06-01T10:%02d:00Z\",\"TargetUserName\":\"user%d\","
                  + "\"IpAddress\":\"203.0.113.66\"}%n",
              100 + i, 10 + i / 4, i % 6));
    }
    Files.writeString(logs.resolve("security.jsonl"), security);
    Files.writeString(
        logs.resolve("sysmon.jsonl"),
        "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":1,\"Computer\":\"WS07\","
            + "\"EventRecordID\":7,\"TimeCreated_SystemTime\":\"2024-06-01T11:00:00Z\","
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\vssadmin.exe\","
            + "\"CommandLine\":\"vssadmin delete shadows /all /quiet\",\"User\":\"CORP\\\\mallory\"}\n");
  }
}
