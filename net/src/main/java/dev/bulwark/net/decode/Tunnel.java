package dev.bulwark.net.decode;

/**
 * One level of encapsulation an inner packet arrived through: the tunnel kind as Zeek names it
 * ({@code Tunnel::GRE}, {@code Tunnel::VXLAN} …) and the outer endpoints (ports 0 for IP tunnels).
 */
public record Tunnel(String kind, Addr src, int srcPort, Addr dst, int dstPort, boolean udp) {}
