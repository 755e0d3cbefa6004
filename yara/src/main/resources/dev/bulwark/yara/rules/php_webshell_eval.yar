// PHP that evaluates decoded request data: the core of most one-line web shells.
rule php_webshell_eval : webshell php
{
  meta:
    description = "PHP evaluates decoded or raw request input"
    severity = "critical"
    attack = "T1505.003"
  strings:
    $eval_decoded = /(eval|assert)\s*\(\s*(base64_decode|gzinflate|str_rot13|gzuncompress)\s*\(/ nocase
    $eval_request = /(eval|assert)\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)\s*\[/ nocase
    $php_system = { 3C 3F 70 68 70 [0-40] 73 79 73 74 65 6D 28 24 5F }
  condition:
    any of them
}
