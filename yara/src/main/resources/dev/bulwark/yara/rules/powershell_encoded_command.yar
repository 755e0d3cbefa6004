// PowerShell started with an encoded command, or a script whose base64 payload downloads and
// runs code. Both are how droppers hide their second stage from command-line logging.
rule powershell_encoded_command : powershell
{
  meta:
    description = "PowerShell with an encoded command or a base64-hidden download cradle"
    severity = "high"
    attack = "T1059.001"
  strings:
    $enc = /powershell(\.exe)?\s[^\r\n]{0,200}\s-e(nc|ncodedcommand)?\s+[A-Za-z0-9+\/=]{20,}/ nocase
    $cradle = "IEX (New-Object Net.WebClient).DownloadString" base64
    $cradle_wide = "IEX (New-Object Net.WebClient)" base64wide
  condition:
    any of them
}
