package dev.bulwark.net.zeek;

import java.util.ArrayList;
import java.util.List;

/** The columns of each log Bulwark writes, as Zeek 9.1 writes them. */
public final class Schemas {
  private Schemas() {}

  static List<Field> parse(String spec) {
    List<Field> out = new ArrayList<>();
    for (String part : spec.trim().split("\\s+")) {
      int colon = part.indexOf(':');
      out.add(new Field(part.substring(0, colon), part.substring(colon + 1)));
    }
    return List.copyOf(out);
  }

  private static final String ID =
      "ts:time uid:string id.orig_h:addr id.orig_p:port id.resp_h:addr id.resp_p:port ";

  public static final List<Field> CONN =
      parse(
          ID
              + "proto:enum service:string duration:interval orig_bytes:count resp_bytes:count"
              + " conn_state:string local_orig:bool local_resp:bool missed_bytes:count history:string"
              + " orig_pkts:count orig_ip_bytes:count resp_pkts:count resp_ip_bytes:count"
              + " tunnel_parents:set[string] ip_proto:count");

  public static final List<Field> DNS =
      parse(
          ID
              + "proto:enum trans_id:count rtt:interval query:string qclass:count qclass_name:string"
              + " qtype:count qtype_name:string rcode:count rcode_name:string AA:bool TC:bool RD:bool"
              + " RA:bool Z:count answers:vector[string] TTLs:vector[interval] rejected:bool"
              + " opcode:count opcode_name:string");

  public static final List<Field> HTTP =
      parse(
          ID
              + "trans_depth:count method:string host:string uri:string referrer:string"
              + " version:string user_agent:string origin:string request_body_len:count"
              + " response_body_len:count status_code:count status_msg:string info_code:count"
              + " info_msg:string tags:set[enum] username:string password:string"
              + " proxied:set[string] orig_fuids:vector[string] orig_filenames:vector[string]"
              + " orig_mime_types:vector[string] resp_fuids:vector[string]"
              + " resp_filenames:vector[string] resp_mime_types:vector[string]");

  public static final List<Field> SSL =
      parse(
          ID
              + "version:string cipher:string curve:string server_name:string resumed:bool"
              + " last_alert:string next_protocol:string established:bool ssl_history:string"
              + " cert_chain_fps:vector[string] client_cert_chain_fps:vector[string]"
              + " sni_matches_cert:bool ja3:string ja3s:string ja4:string");

  public static final List<Field> WEIRD =
      parse(ID + "name:string addl:string notice:bool peer:string source:string");

  /** Zeek's notice.log columns that a Bulwark detection fills (note, msg, sub, src, dst). */
  public static final List<Field> NOTICE =
      parse(ID + "note:enum msg:string sub:string src:addr dst:addr");

  public static final List<Field> TUNNEL = parse(ID + "tunnel_type:enum action:enum");

  public static final List<Field> SSH =
      parse(
          ID
              + "version:count auth_success:bool auth_attempts:count direction:enum client:string"
              + " server:string cipher_alg:string mac_alg:string compression_alg:string"
              + " kex_alg:string host_key_alg:string host_key_fingerprint:string"
              + " hassh:string hasshServer:string");

  public static final List<Field> NTP =
      parse(
          ID
              + "version:count mode:count stratum:count poll:interval precision:interval"
              + " root_delay:interval root_disp:interval ref_id:string ref_time:time"
              + " org_time:time rec_time:time xmt_time:time num_exts:count");

  public static final List<Field> SIP =
      parse(
          ID
              + "trans_depth:count method:string uri:string date:string request_from:string"
              + " request_to:string response_from:string response_to:string reply_to:string"
              + " call_id:string seq:string subject:string request_path:vector[string]"
              + " response_path:vector[string] user_agent:string status_code:count"
              + " status_msg:string warning:string request_body_len:count"
              + " response_body_len:count content_type:string");

  public static final List<Field> MYSQL =
      parse(ID + "cmd:string arg:string success:bool rows:count response:string");

  public static final List<Field> SYSLOG =
      parse(ID + "proto:enum facility:string severity:string message:string");

  public static final List<Field> X509 =
      parse(
          "ts:time fingerprint:string certificate.version:count certificate.serial:string"
              + " certificate.subject:string certificate.issuer:string"
              + " certificate.not_valid_before:time certificate.not_valid_after:time"
              + " certificate.key_alg:string certificate.sig_alg:string"
              + " certificate.key_type:string certificate.key_length:count"
              + " certificate.exponent:string certificate.curve:string san.dns:vector[string]"
              + " san.uri:vector[string] san.email:vector[string] san.ip:vector[addr]"
              + " basic_constraints.ca:bool basic_constraints.path_len:count host_cert:bool"
              + " client_cert:bool");

  public static final List<Field> MODBUS =
      parse(ID + "tid:count unit:count func:string pdu_type:string exception:string");

  public static final List<Field> FTP =
      parse(
          ID
              + "user:string password:string command:string arg:string mime_type:string"
              + " file_size:count reply_code:count reply_msg:string data_channel.passive:bool"
              + " data_channel.orig_h:addr data_channel.resp_h:addr data_channel.resp_p:port"
              + " fuid:string");

  public static final List<Field> SMTP =
      parse(
          ID
              + "trans_depth:count helo:string mailfrom:string rcptto:set[string] date:string"
              + " from:string to:set[string] cc:set[string] reply_to:string msg_id:string"
              + " in_reply_to:string subject:string x_originating_ip:addr"
              + " first_received:string second_received:string last_reply:string"
              + " path:vector[addr] user_agent:string tls:bool fuids:vector[string]");

  public static final List<Field> DHCP =
      parse(
          "ts:time uids:set[string] client_addr:addr server_addr:addr mac:string"
              + " host_name:string client_fqdn:string domain:string requested_addr:addr"
              + " assigned_addr:addr lease_time:interval client_message:string"
              + " server_message:string msg_types:vector[string] duration:interval");

  public static final List<Field> REDIS =
      parse(ID + "cmd.name:string cmd.key:string cmd.value:string success:bool reply.value:string");
}
