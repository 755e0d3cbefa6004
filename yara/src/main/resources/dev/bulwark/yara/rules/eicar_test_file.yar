// The EICAR anti-malware test file: harmless, recognised by every scanner; use it to check that
// a YARA scan and its report work end to end.
rule eicar_test_file : test
{
  meta:
    description = "EICAR anti-malware test file"
    severity = "low"
    reference = "https://www.eicar.org/download-anti-malware-testfile/"
  strings:
    $eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
  condition:
    $eicar
}
