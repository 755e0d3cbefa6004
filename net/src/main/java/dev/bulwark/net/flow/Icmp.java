package dev.bulwark.net.flow;

/** ICMP message pairs: Zeek logs a request and its reply as one connection. */
final class Icmp {
  private Icmp() {}

  /** {@code [counterpart type or code, 1 if this type is the reply of a pair]}. */
  static int[] counterpart(int type, int code, boolean v6) {
    if (!v6) {
      return switch (type) {
        case 8 -> new int[] {0, 0};
        case 0 -> new int[] {8, 1};
        case 13 -> new int[] {14, 0};
        case 14 -> new int[] {13, 1};
        case 15 -> new int[] {16, 0};
        case 16 -> new int[] {15, 1};
        case 17 -> new int[] {18, 0};
        case 18 -> new int[] {17, 1};
        case 10 -> new int[] {9, 0};
        case 9 -> new int[] {10, 1};
        default -> new int[] {code, 0};
      };
    }
    return switch (type) {
      case 128 -> new int[] {129, 0};
      case 129 -> new int[] {128, 1};
      case 133 -> new int[] {134, 0};
      case 134 -> new int[] {133, 1};
      case 135 -> new int[] {136, 0};
      case 136 -> new int[] {135, 1};
      case 130 -> new int[] {131, 0};
      case 131 -> new int[] {130, 1};
      case 139 -> new int[] {140, 0};
      case 140 -> new int[] {139, 1};
      case 141 -> new int[] {142, 0};
      case 142 -> new int[] {141, 1};
      case 144 -> new int[] {145, 0};
      case 145 -> new int[] {144, 1};
      default -> new int[] {code, 0};
    };
  }
}
