"""Token formats for the secrets corpus: random values in each provider's documented shape."""
import random, string, base64, zlib, json, hmac, hashlib, uuid as uuidlib
R = random.Random(20261125)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
def rnd(alpha, n): return ''.join(R.choice(alpha) for _ in range(n))
def b62(n): return rnd(string.ascii_letters + string.digits, n)
def alnum_l(n): return rnd(string.ascii_lowercase + string.digits, n)
def hexs(n): return rnd('0123456789abcdef', n)
def HEX(n): return rnd('0123456789ABCDEF', n)
def upper(n): return rnd(string.ascii_uppercase + string.digits, n)
def b32u(n): return rnd(string.ascii_uppercase + '234567', n)
def b64(n): return rnd(string.ascii_letters + string.digits + '+/', n)
def b64u(n): return rnd(string.ascii_letters + string.digits + '_-', n)
def digits(n): return rnd(string.digits, n)
def letters(n): return rnd(string.ascii_letters, n)
def uuid(): return str(uuidlib.UUID(int=R.getrandbits(128), version=4))
def base62(v, w):
    s = ''
    while v > 0:
        s = B62[v % 62] + s; v //= 62
    return s.rjust(w, '0')
def crc_token(prefix):
    body = b62(30)
    return prefix + body + base62(zlib.crc32(body.encode()) & 0xffffffff, 6)
def crc_token_bad(prefix):
    t = crc_token(prefix)
    last = t[-1]
    return t[:-1] + ('A' if last != 'A' else 'B')
def b64url(b): return base64.urlsafe_b64encode(b).decode().rstrip('=')
def jwt(payload=None, alg='HS256'):
    h = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(',', ':')).encode())
    p = b64url(json.dumps(payload or {"sub": "svc-" + alnum_l(6), "iat": 1767225600 + R.randint(0, 10**6), "scope": "orders:write"}, separators=(',', ':')).encode())
    sig = b64url(hmac.new(R.randbytes(32), (h + '.' + p).encode(), hashlib.sha256).digest())
    return h + '.' + p + '.' + sig
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
def polymod(values):
    GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= GEN[i] if ((b >> i) & 1) else 0
    return chk
def hrp_expand(h): return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]
def bech32(hrp, data5):
    values = hrp_expand(hrp) + data5
    pm = polymod(values + [0]*6) ^ 1
    chk = [(pm >> 5*(5-i)) & 31 for i in range(6)]
    return hrp + '1' + ''.join(CHARSET[d] for d in data5 + chk)
def convertbits(data, frombits, tobits):
    acc = 0; bits = 0; ret = []; maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value; bits += frombits
        while bits >= tobits:
            bits -= tobits; ret.append((acc >> bits) & maxv)
    if bits: ret.append((acc << (tobits - bits)) & maxv)
    return ret
def age_key():
    return bech32("age-secret-key-", convertbits(R.randbytes(32), 8, 5)).upper()
def azure_key(): return base64.b64encode(R.randbytes(64)).decode()
def basic(user, pw): return base64.b64encode(f"{user}:{pw}".encode()).decode()
