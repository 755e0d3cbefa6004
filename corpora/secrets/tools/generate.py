#!/usr/bin/env python3
"""Generates Bulwark's labeled secrets corpus: realistic project files in which every line that
holds a secret, and every line that holds a hard negative (a look-alike a defender would not want
reported), is labeled in labels.csv.

    python3 corpora/secrets/tools/generate.py corpora/secrets

Needs openssl, ssh-keygen and gpg for real private keys. Deterministic apart from those keys.
Labels: secret lines carry the rule family (cloud, vcs-ci, chat, payment, saas, private-key, jwt,
connection-string, generic); benign lines carry the kind of look-alike.
"""
import base64
import os
import urllib.parse
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tokens import (R, alnum_l, age_key, azure_key, b32u, b62, b64, b64u, b64url, basic, crc_token,
                    crc_token_bad, digits, hexs, jwt, letters, rnd, upper, uuid, HEX)

FILES = {}   # path -> list of (text, label) ; label = None | ('secret'|'benign', category, note)


class F:
    """Builds one corpus file line by line."""

    def __init__(self, path):
        assert path not in FILES, path
        self.path = path
        self.lines = []
        FILES[path] = self.lines

    def __call__(self, text=''):
        for line in text.split('\n'):
            self.lines.append((line, None))
        return self

    def secret(self, text, category, note=''):
        lines = text.split('\n')
        self.lines.append((lines[0], ('secret', category, note)))
        for line in lines[1:]:
            self.lines.append((line, None))
        return self

    def benign(self, text, kind, note=''):
        self.lines.append((text, ('benign', kind, note)))
        return self


def pick(seq):
    return R.choice(seq)


PROJECTS = ['orders', 'billing', 'ledger', 'inventory', 'checkout', 'payroll', 'crm', 'shipping',
            'catalog', 'reports', 'identity', 'gateway', 'notifications', 'analytics', 'search']
PASSWORD_WORDS = ['winter', 'harbor', 'falcon', 'copper', 'meadow', 'saffron', 'granite', 'velvet',
                  'orchid', 'thunder', 'maple', 'cobalt', 'juniper', 'ember', 'lagoon', 'quartz']


def url_password():
    """A password as it appears inside a URL: percent-encoded."""
    return urllib.parse.quote(password(), safe='')


def password():
    """A realistic human-chosen or generated password."""
    style = R.randint(0, 3)
    if style == 0:
        return pick(PASSWORD_WORDS).capitalize() + pick(['!', '#', '$', '%', '@']) + digits(R.randint(2, 4)) + pick(PASSWORD_WORDS)
    if style == 1:
        return b62(R.randint(14, 24))
    if style == 2:
        return pick(PASSWORD_WORDS) + '-' + pick(PASSWORD_WORDS) + '-' + digits(2) + pick(PASSWORD_WORDS).capitalize()
    return rnd('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%&*+=?', R.randint(16, 28))


# ------------------------------------------------------------------ real keys
KEYS = {}


def make_keys():
    d = tempfile.mkdtemp(prefix='bulwark-corpus-')
    try:
        def run(*cmd):
            subprocess.run(cmd, cwd=d, check=True, capture_output=True)
        for i in range(6):
            run('openssl', 'genrsa', '-traditional', '-out', f'rsa{i}.pem', '2048')
            run('openssl', 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f'ec{i}.pem')
            run('openssl', 'genpkey', '-algorithm', 'ed25519', '-out', f'p8_{i}.pem')
            run('openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f'p8rsa{i}.pem')
            run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', f'deploy{i}@ci', '-f', f'ossh{i}')
            run('ssh-keygen', '-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', f'ops{i}@bastion', '-f', f'osshrsa{i}')
            run('openssl', 'req', '-x509', '-key', f'rsa{i}.pem', '-subj', f'/CN=svc{i}.internal', '-days', '30', '-out', f'cert{i}.pem')
            run('openssl', 'pkcs12', '-export', '-inkey', f'rsa{i}.pem', '-in', f'cert{i}.pem', '-passout', 'pass:changeit', '-out', f'ks{i}.p12')
            run('openssl', 'pkcs8', '-topk8', '-in', f'p8_{i}.pem', '-passout', 'pass:' + b62(12), '-out', f'enc{i}.pem')
        os.makedirs(os.path.join(d, 'gpg'), mode=0o700)
        run('gpg', '--batch', '--homedir', os.path.join(d, 'gpg'), '--pinentry-mode', 'loopback', '--passphrase', '',
            '--quick-gen-key', 'Release Signing <release@corpus.invalid>', 'ed25519', 'sign', 'never')
        with open(os.path.join(d, 'pgp.asc'), 'w') as fh:
            subprocess.run(['gpg', '--batch', '--homedir', os.path.join(d, 'gpg'), '--pinentry-mode', 'loopback',
                            '--passphrase', '', '--armor', '--export-secret-keys'], stdout=fh, check=True)
        for name in os.listdir(d):
            p = os.path.join(d, name)
            if os.path.isfile(p):
                KEYS[name] = open(p, 'rb').read()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def key(name):
    return KEYS[name].decode()


def pub(name):
    return KEYS[name + '.pub'].decode().strip()


def cert_b64(i):
    return base64.b64encode(KEYS[f'cert{i}.pem']).decode()


# ------------------------------------------------------------------ secret values per family
def cloud_secret():
    k = R.randint(0, 15)
    if k == 0:
        return f'AKIA{b32u(16)}', 'aws access key id'
    if k == 1:
        return f'AIza{b64u(35)}', 'google api key'
    if k == 2:
        return f'dop_v1_{hexs(64)}', 'digitalocean token'
    if k == 3:
        return f'dapi{hexs(32)}', 'databricks token'
    if k == 4:
        return f'hvs.CAESI{b64u(100)}', 'vault token'
    if k == 5:
        return f'{b62(14)}.atlasv1.{b64u(67)}', 'terraform cloud token'
    if k == 6:
        return f'pul-{hexs(40)}', 'pulumi token'
    if k == 7:
        return f'sbp_{hexs(40)}', 'supabase token'
    if k == 8:
        return f'LTAI{b62(20)}', 'alibaba access key id'
    if k == 9:
        return f'nfp_{b62(36)}', 'netlify token'
    if k == 10:
        return f'dp.st.{b62(40)}'.replace('dp.st.', 'dp.st.'), 'doppler token'
    if k == 11:
        return f'AKID{b62(32)}', 'tencent secret id'
    if k == 12:
        return f'pscale_pw_{b64u(43)}', 'planetscale password'
    if k == 13:
        return f'GOCSPX-{b64u(28)}', 'google oauth client secret'
    if k == 14:
        return f'ASIA{b32u(16)}', 'aws temporary access key id'
    return f'rnd_{b62(32)}', 'render api key'


def vcs_secret():
    k = R.randint(0, 15)
    if k <= 2:
        return crc_token(pick(['ghp_', 'gho_', 'ghs_', 'ghu_'])), 'github token'
    if k == 3:
        return f'github_pat_{b62(22)}_{b62(59)}', 'github fine-grained token'
    if k == 4:
        return 'glpat-' + b64u(20).replace('-', 'x'), 'gitlab token'
    if k == 5:
        return crc_token('npm_'), 'npm token'
    if k == 6:
        return 'pypi-AgEIcHlwaS5vcmc' + b64u(140), 'pypi token'
    if k == 7:
        return f'rubygems_{hexs(48)}', 'rubygems key'
    if k == 8:
        return 'dckr_pat_' + b64u(27).replace('-', 'd'), 'docker hub token'
    if k == 9:
        return f'hf_{letters(34)}', 'hugging face token'
    if k == 10:
        return f'squ_{hexs(40)}', 'sonarqube token'
    if k == 11:
        return f'CCIPAT_{b62(22)}_{hexs(40)}', 'circleci token'
    if k == 12:
        return f'bkua_{hexs(40)}', 'buildkite token'
    if k == 13:
        return f'ATBB{b62(28)}{HEX(8)}', 'bitbucket app password'
    if k == 14:
        return f'glsa_{b62(32)}_{hexs(8)}', 'grafana service account token'
    return f'PMAK-{hexs(24)}-{hexs(34)}', 'postman key'


def chat_secret():
    k = R.randint(0, 7)
    if k == 0:
        return f'xoxb-{digits(12)}-{digits(13)}-{b62(24)}', 'slack bot token'
    if k == 1:
        return f'xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{hexs(32)}', 'slack user token'
    if k == 2:
        return f'https://hooks.slack.com/services/T{upper(10)}/B{upper(10)}/{b62(24)}', 'slack webhook'
    if k == 3:
        return f'https://discord.com/api/webhooks/{digits(19)}/{b64u(68)}', 'discord webhook'
    if k == 4:
        return f'{digits(10)}:AA{b64u(33)}', 'telegram bot token'
    if k == 5:
        return (f'https://{pick(PROJECTS)}corp.webhook.office.com/webhookb2/{uuid()}@{uuid()}/IncomingWebhook/'
                f'{hexs(32)}/{uuid()}'), 'teams webhook'
    if k == 6:
        return f'xapp-1-A{upper(10)}-{digits(13)}-{hexs(64)}', 'slack app token'
    return f'SK{hexs(32)}', 'twilio api key'


def payment_secret():
    k = R.randint(0, 10)
    if k <= 2:
        return f'sk_live_51{b62(97)}', 'stripe live secret key'
    if k == 3:
        return f'rk_live_51{b62(97)}', 'stripe restricted key'
    if k == 4:
        return f'whsec_{b62(32)}', 'stripe webhook secret'
    if k == 5:
        return 'EAAA' + b64u(60).replace('-', 's'), 'square access token'
    if k == 6:
        return f'access_token$production${alnum_l(16)}${hexs(32)}', 'braintree token'
    if k == 7:
        return f'shpat_{hexs(32)}', 'shopify token'
    if k == 8:
        return f'access-production-{uuid()}', 'plaid access token'
    if k == 9:
        return f'FLWSECK-{hexs(32)}-X', 'flutterwave key'
    return f'live_{b62(30)}', 'mollie live key'


def saas_secret():
    k = R.randint(0, 17)
    if k == 0:
        return f'sk-proj-{b64u(156)}', 'openai key'
    if k == 1:
        return f'sk-ant-api03-{b64u(93)}AA', 'anthropic key'
    if k == 2:
        return f'SG.{b64u(22)}.{b64u(43)}', 'sendgrid key'
    if k == 3:
        return f'key-{hexs(32)}', 'mailgun key'
    if k == 4:
        return f'{hexs(32)}-us{R.randint(1, 21)}', 'mailchimp key'
    if k == 5:
        return f'xkeysib-{hexs(64)}-{b62(16)}', 'brevo key'
    if k == 6:
        return f'secret_{b62(43)}', 'notion token'
    if k == 7:
        return f'lin_api_{b62(40)}', 'linear key'
    if k == 8:
        return 'figd_' + b64u(40).replace('-', 'f'), 'figma token'
    if k == 9:
        return f'pat-na1-{uuid()}', 'hubspot token'
    if k == 10:
        return f'NRAK-{upper(27)}', 'new relic key'
    if k == 11:
        return f'sntryu_{hexs(64)}', 'sentry token'
    if k == 12:
        return f'dt0c01.{upper(24)}.{upper(64)}', 'dynatrace token'
    if k == 13:
        return f'sk.eyJ1IjoiY29ycCIsImEiOiJ{b64u(40)}.{b64u(22)}', 'mapbox secret token'
    if k == 14:
        return f'gsk_{b62(52)}', 'groq key'
    if k == 15:
        return f'AAAAAAAAAAAAAAAAAAAAA{b62(10)}%3D{b62(80)}', 'twitter bearer token'
    if k == 16:
        return f'sdk-{uuid()}', 'launchdarkly sdk key'
    return f'pcsk_{b62(6)}_{b62(63)}', 'pinecone key'


ENV_NAMES = {
    'aws access key id': 'AWS_ACCESS_KEY_ID', 'aws temporary access key id': 'AWS_ACCESS_KEY_ID',
    'google api key': 'GOOGLE_API_KEY', 'digitalocean token': 'DIGITALOCEAN_TOKEN',
    'databricks token': 'DATABRICKS_TOKEN', 'vault token': 'VAULT_TOKEN', 'terraform cloud token': 'TFE_TOKEN',
    'pulumi token': 'PULUMI_ACCESS_TOKEN', 'supabase token': 'SUPABASE_ACCESS_TOKEN',
    'alibaba access key id': 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'netlify token': 'NETLIFY_AUTH_TOKEN',
    'doppler token': 'DOPPLER_TOKEN', 'tencent secret id': 'TENCENTCLOUD_SECRET_ID',
    'planetscale password': 'PLANETSCALE_DB_PASSWORD', 'google oauth client secret': 'GOOGLE_CLIENT_SECRET',
    'render api key': 'RENDER_API_KEY', 'github token': 'GITHUB_TOKEN', 'github fine-grained token': 'GH_TOKEN',
    'gitlab token': 'GITLAB_TOKEN', 'npm token': 'NPM_TOKEN', 'pypi token': 'TWINE_PASSWORD',
    'rubygems key': 'GEM_HOST_API_KEY', 'docker hub token': 'DOCKERHUB_TOKEN', 'hugging face token': 'HF_TOKEN',
    'sonarqube token': 'SONAR_TOKEN', 'circleci token': 'CIRCLE_TOKEN', 'buildkite token': 'BUILDKITE_API_TOKEN',
    'bitbucket app password': 'BITBUCKET_APP_PASSWORD', 'grafana service account token': 'GRAFANA_TOKEN',
    'postman key': 'POSTMAN_API_KEY', 'slack bot token': 'SLACK_BOT_TOKEN', 'slack user token': 'SLACK_USER_TOKEN',
    'slack webhook': 'SLACK_WEBHOOK_URL', 'discord webhook': 'DISCORD_WEBHOOK_URL', 'telegram bot token': 'TELEGRAM_BOT_TOKEN',
    'teams webhook': 'TEAMS_WEBHOOK_URL', 'slack app token': 'SLACK_APP_TOKEN', 'twilio api key': 'TWILIO_API_KEY',
    'stripe live secret key': 'STRIPE_SECRET_KEY', 'stripe restricted key': 'STRIPE_RESTRICTED_KEY',
    'stripe webhook secret': 'STRIPE_WEBHOOK_SECRET', 'square access token': 'SQUARE_ACCESS_TOKEN',
    'braintree token': 'BRAINTREE_ACCESS_TOKEN', 'shopify token': 'SHOPIFY_ACCESS_TOKEN',
    'plaid access token': 'PLAID_ACCESS_TOKEN', 'flutterwave key': 'FLW_SECRET_KEY', 'mollie live key': 'MOLLIE_API_KEY',
    'openai key': 'OPENAI_API_KEY', 'anthropic key': 'ANTHROPIC_API_KEY', 'sendgrid key': 'SENDGRID_API_KEY',
    'mailgun key': 'MAILGUN_API_KEY', 'mailchimp key': 'MAILCHIMP_API_KEY', 'brevo key': 'BREVO_API_KEY',
    'notion token': 'NOTION_TOKEN', 'linear key': 'LINEAR_API_KEY', 'figma token': 'FIGMA_TOKEN',
    'hubspot token': 'HUBSPOT_ACCESS_TOKEN', 'new relic key': 'NEW_RELIC_API_KEY', 'sentry token': 'SENTRY_AUTH_TOKEN',
    'dynatrace token': 'DT_API_TOKEN', 'mapbox secret token': 'MAPBOX_SECRET_TOKEN', 'groq key': 'GROQ_API_KEY',
    'twitter bearer token': 'TWITTER_BEARER_TOKEN', 'launchdarkly sdk key': 'LD_SDK_KEY', 'pinecone key': 'PINECONE_API_KEY',
}
FAMILIES = [('cloud', cloud_secret), ('vcs-ci', vcs_secret), ('chat', chat_secret),
            ('payment', payment_secret), ('saas', saas_secret)]


def provider_secret():
    fam, gen = pick(FAMILIES)
    value, note = gen()
    return fam, value, note, ENV_NAMES[note]


# ------------------------------------------------------------------ hard negatives
def placeholder_value(name):
    return pick([f'${{{name}}}', f'<{name.lower().replace("_", "-")}>', 'changeme', f'your-{name.lower().replace("_", "-")}-here',
                 '********', f'{{{{ secrets.{name} }}}}', 'REPLACE_ME', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '',
                 f'%({name.lower()})s', f'${{env:{name}}}', 'TODO', f'<{name}>', f'${name}'])


def lookalike(name):
    """A value shaped like a provider token that is not one."""
    k = R.randint(0, 7)
    if k == 0:
        return crc_token_bad(pick(['ghp_', 'gho_', 'ghs_'])), 'github token with a wrong checksum'
    if k == 1:
        return crc_token_bad('npm_'), 'npm token with a wrong checksum'
    if k == 2:
        return 'ghp_' + b62(20), 'truncated github token'
    if k == 3:
        return 'sk_live_' + 'x' * 24, 'masked stripe key'
    if k == 4:
        return 'AKIA' + 'X' * 16, 'masked aws key id'
    if k == 5:
        return 'xoxb-your-bot-token', 'slack placeholder'
    if k == 6:
        return 'glpat-' + 'x' * 20, 'masked gitlab token'
    return 'sk-proj-...', 'elided openai key'


DOC_EXAMPLES = [
    ('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', 'aws documentation example'),
    ('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws documentation example'),
    ('STRIPE_SECRET_KEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'stripe documentation test key'),
    ('PAGERDUTY_TOKEN', 'y_NbAkKc66ryYTWUXYEu', 'pagerduty documentation example'),
    ('JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'jwt.io example'),
]


def sha1():
    return hexs(40)


def sha256():
    return hexs(64)


# ------------------------------------------------------------------ file templates
def dotenv(path, n_secret, n_benign, example=False):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'# {proj} service configuration')
    f(f'APP_NAME={proj}-api')
    f(f'LOG_LEVEL={pick(["info", "debug", "warn"])}')
    f(f'PORT={R.randint(3000, 9000)}')
    items = []
    for _ in range(n_secret if not example else 0):
        k = R.randint(0, 9)
        if k <= 5:
            fam, value, note, name = provider_secret()
            items.append(('s', f'{name}={value}', fam, note))
        elif k == 6:
            items.append(('s', f'DATABASE_URL=postgres://{proj}_app:{url_password()}@{proj}-db.prod.internal:5432/{proj}', 'connection-string', 'postgres url'))
        elif k == 7:
            items.append(('s', f'REDIS_URL=rediss://default:{b62(28)}@cache-{R.randint(1, 9)}.internal:6380/0', 'connection-string', 'redis url'))
        elif k == 8:
            items.append(('s', f'DB_PASSWORD={password()}', 'generic', 'database password'))
        else:
            items.append(('s', f'SESSION_SECRET={b64u(R.randint(32, 64))}', 'generic', 'session signing secret'))
    for _ in range(n_benign):
        k = R.randint(0, 6)
        name = pick(list(ENV_NAMES.values()))
        if k <= 2:
            items.append(('b', f'{name}={placeholder_value(name)}', 'placeholder', 'template value'))
        elif k == 3:
            v, note = lookalike(name)
            items.append(('b', f'{name}={v}', 'look-alike', note))
        elif k == 4:
            items.append(('b', f'{pick(["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "SUBSCRIPTION_ID", "APPINSIGHTS_INSTRUMENTATIONKEY_ID"])}={uuid()}', 'uuid', 'identifier'))
        elif k == 5:
            items.append(('b', f'GIT_COMMIT={sha1()}', 'hash', 'commit id'))
        else:
            items.append(('b', f'{pick(["PASSWORD_MIN_LENGTH", "TOKEN_TTL_SECONDS", "SECRET_ROTATION_DAYS", "API_KEY_HEADER"])}={pick(["12", "3600", "90", "X-Api-Key"])}', 'identifier-like', 'setting about a credential'))
    R.shuffle(items)
    for kind, text, cat, note in items:
        (f.secret if kind == 's' else f.benign)(text, cat, note)


def spring_yaml(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'spring:\n  application:\n    name: {proj}\n  datasource:')
    f(f'    url: jdbc:postgresql://{proj}-db:5432/{proj}')
    f(f'    username: {proj}_app')
    if R.random() < 0.6:
        f.secret(f'    password: {password()}', 'generic', 'datasource password')
    else:
        f.benign(f'    password: ${{DB_PASSWORD:}}', 'placeholder', 'environment reference')
    f('  mail:\n    host: smtp.sendgrid.net\n    port: 587\n    username: apikey')
    if R.random() < 0.5:
        v, note = saas_secret() if R.random() < 0.3 else (f'SG.{b64u(22)}.{b64u(43)}', 'sendgrid key')
        f.secret(f'    password: {v}', 'saas', note)
    else:
        f.benign('    password: ${SMTP_PASSWORD}', 'placeholder', 'environment reference')
    f('  security:\n    oauth2:\n      client:\n        registration:\n          google:')
    f(f'            client-id: {digits(12)}-{alnum_l(32)}.apps.googleusercontent.com')
    if R.random() < 0.6:
        f.secret(f'            client-secret: GOCSPX-{b64u(28)}', 'cloud', 'google oauth client secret')
    else:
        f.benign('            client-secret: ${GOOGLE_CLIENT_SECRET}', 'placeholder', 'environment reference')
    f('app:\n  jwt:')
    if R.random() < 0.5:
        f.secret(f'    signing-secret: {b64(44)}', 'generic', 'jwt signing secret')
    else:
        f.benign('    signing-secret-ref: vault:secret/data/app#jwt', 'code-reference', 'secret manager reference')
    f.benign(f'    token-validity-seconds: {R.randint(300, 86400)}', 'identifier-like', 'token lifetime')
    f.benign('    token-header: Authorization', 'identifier-like', 'header name')
    f(f'  cache:\n    key-prefix: {proj}:v2')
    f.benign(f'  build-sha: {sha1()}', 'hash', 'build commit')
    f.benign(f'  tenant-id: {uuid()}', 'uuid', 'tenant identifier')


def properties(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'# {proj} properties')
    f(f'server.port={R.randint(8000, 9000)}')
    f(f'spring.datasource.url=jdbc:mysql://{proj}-mysql:3306/{proj}?useSSL=true')
    f(f'spring.datasource.username={proj}')
    r = R.random()
    if r < 0.5:
        f.secret(f'spring.datasource.password={password()}', 'generic', 'datasource password')
    elif r < 0.75:
        f.secret(f'spring.datasource.url.replica=jdbc:sqlserver://{proj}-sql.prod:1433;databaseName={proj};user=report;password={password().replace(";", "")}', 'connection-string', 'jdbc password parameter')
    else:
        f.benign('spring.datasource.password=${DB_PASSWORD}', 'placeholder', 'environment reference')
    f.benign(f'security.password.min-length={R.randint(8, 16)}', 'identifier-like', 'password policy')
    f.benign('security.password.encoder=bcrypt', 'identifier-like', 'password policy')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'{pick(["integration", "partner", "vendor"])}.{name.lower().replace("_", "-")}={value}', fam, note)
    f.benign(f'management.info.git.commit={sha1()}', 'hash', 'commit id')
    f.benign(f'keystore.password.file=/run/secrets/{proj}-keystore', 'code-reference', 'file reference')
    if R.random() < 0.5:
        f.secret(f'server.ssl.key-store-password={password()}', 'generic', 'keystore password')
    f.benign('oauth.token.endpoint=https://login.internal/oauth2/token', 'identifier-like', 'token endpoint url')


def django_settings(path):
    f = F(path)
    proj = pick(PROJECTS)
    f('import os\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n')
    r = R.random()
    if r < 0.5:
        f.secret("SECRET_KEY = '" + rnd('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50) + "'", 'generic', 'django secret key')
    else:
        f.benign('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', 'code-reference', 'environment lookup')
    f("DEBUG = False\nALLOWED_HOSTS = ['.example.org']\n")
    f("DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',")
    f(f"        'NAME': '{proj}',\n        'USER': '{proj}',")
    if R.random() < 0.5:
        f.secret(f"        'PASSWORD': '{password()}',", 'generic', 'database password')
    else:
        f.benign("        'PASSWORD': os.getenv('DB_PASSWORD', ''),", 'code-reference', 'environment lookup')
    f("        'HOST': 'db',\n    }\n}\n")
    f('AUTH_PASSWORD_VALIDATORS = [')
    f.benign("    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},", 'identifier-like', 'validator name')
    f(']\n')
    if R.random() < 0.7:
        fam, value, note, name = provider_secret()
        f.secret(f'{name} = "{value}"', fam, note)
    f.benign('PASSWORD_RESET_TIMEOUT = 259200', 'identifier-like', 'password setting')
    f.benign('CSRF_COOKIE_NAME = "csrftoken"', 'identifier-like', 'cookie name')
    f.benign('TOKEN_TYPE = "Bearer"', 'identifier-like', 'token type')
    f.benign(f'STATIC_VERSION = "{hexs(12)}"', 'hash', 'cache buster')


def java_config(path):
    f = F(path)
    proj = pick(PROJECTS)
    cls = proj.capitalize() + 'Client'
    f(f'package com.example.{proj};\n\nimport java.net.http.HttpClient;\nimport javax.sql.DataSource;\n')
    f(f'/** Talks to the {proj} partner API. */\npublic final class {cls} {{')
    f.benign('  private static final String API_KEY_HEADER = "X-Api-Key";', 'identifier-like', 'header name')
    f.benign('  private static final String PASSWORD_PARAM = "password";', 'identifier-like', 'parameter name')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'  private static final String {name} = "{value}";', fam, note)
    else:
        f.benign('  private final String apiKey = System.getenv("PARTNER_API_KEY");', 'code-reference', 'environment lookup')
    if R.random() < 0.5:
        f.secret(f'  private static final String KEYSTORE_PASSWORD = "{password()}";', 'generic', 'keystore password')
    f('\n  DataSource dataSource() {\n    var ds = new org.postgresql.ds.PGSimpleDataSource();')
    f(f'    ds.setUser("{proj}");')
    if R.random() < 0.6:
        f.secret(f'    ds.setPassword("{password()}");', 'generic', 'literal password in setter')
    else:
        f.benign('    ds.setPassword(System.getenv("DB_PASSWORD"));', 'code-reference', 'environment lookup')
    f('    return ds;\n  }\n')
    f.benign(f'  // Release {R.randint(1, 9)}.{R.randint(0, 20)} built from commit {sha1()}', 'hash', 'commit id in comment')
    f.benign(f'  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";', 'identifier-like', 'algorithm name')
    f.benign(f'  private static final String CACHE_KEY = "{hexs(40)}";', 'hash', 'cache key digest')
    if R.random() < 0.4:
        f.secret(f'  private static final String SIGNING_KEY = "{b64(44)}";', 'generic', 'hmac signing key')
    f('}')


def node_config(path):
    f = F(path)
    proj = pick(PROJECTS)
    f("'use strict';\n\nmodule.exports = {")
    f(f"  service: '{proj}',")
    f('  stripe: {')
    if R.random() < 0.6:
        f.secret(f"    secretKey: '{pick(['sk_live_51', 'rk_live_51'])}{b62(97)}',", 'payment', 'stripe key')
    else:
        f.benign("    secretKey: process.env.STRIPE_SECRET_KEY,", 'code-reference', 'environment lookup')
    f.benign(f"    publishableKey: 'pk_live_51{b62(97)}',", 'public-key', 'stripe publishable key')
    f('  },')
    f('  mapbox: {')
    f.benign(f"    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ{b64u(40)}.{b64u(22)}',", 'public-key', 'mapbox public token')
    f('  },')
    f('  recaptcha: {')
    f.benign(f"    siteKey: '6Lc{b64u(37)}',", 'public-key', 'recaptcha site key')
    f('  },')
    f('  sentry: {')
    f.benign(f"    dsn: 'https://{hexs(32)}@o{digits(6)}.ingest.sentry.io/{digits(7)}',", 'public-key', 'sentry dsn')
    f('  },')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f"  {name[0].lower() + name[1:].lower().replace('_', '')}: '{value}',", fam, note)
    f('  auth: {')
    f.benign("    tokenType: 'Bearer',", 'identifier-like', 'token type')
    f.benign("    passwordField: 'user_password',", 'identifier-like', 'field name')
    if R.random() < 0.5:
        f.secret(f"    clientSecret: '{b64u(40)}',", 'generic', 'oauth client secret')
    else:
        f.benign("    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',", 'code-reference', 'environment lookup')
    f('  },')
    f.benign(f"  buildId: '{hexs(20)}',", 'hash', 'build identifier')
    f('};')


def docker_compose(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f"services:\n  {proj}:\n    image: registry.internal/{proj}:{R.randint(1, 40)}.{R.randint(0, 9)}\n    environment:")
    for _ in range(R.randint(2, 4)):
        if R.random() < 0.55:
            fam, value, note, name = provider_secret()
            f.secret(f'      {name}: "{value}"', fam, note)
        else:
            name = pick(list(ENV_NAMES.values()))
            f.benign(f'      {name}: "{pick(["${" + name + "}", "${" + name + ":?required}", "changeme", ""])}"', 'placeholder', 'compose variable')
    f('  db:\n    image: postgres:16\n    environment:')
    if R.random() < 0.6:
        f.secret(f'      POSTGRES_PASSWORD: {password()}', 'generic', 'postgres password')
    else:
        f.benign('      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password', 'code-reference', 'file reference')
    f.benign(f'    image: postgres@sha256:{sha256()}', 'hash', 'image digest')


def k8s_secret(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {proj}-credentials\ntype: Opaque\nstringData:')
    if R.random() < 0.7:
        fam, value, note, name = provider_secret()
        f.secret(f'  {name.lower().replace("_", "-")}: {value}', fam, note)
    f.secret(f'  db-password: {password()}', 'generic', 'database password')
    f('data:')
    f.secret(f'  api-token: {base64.b64encode(b62(32).encode()).decode()}', 'generic', 'base64 token in secret data')
    f('---\napiVersion: apps/v1\nkind: Deployment\nmetadata:')
    f(f'  name: {proj}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:')
    f('            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:')
    f.benign(f'                  name: {proj}-credentials', 'code-reference', 'secret reference')
    f('                  key: db-password')
    f.benign(f'      imagePullSecrets:\n        - name: regcred'.split('\n')[0], 'identifier-like', 'pull secret reference')
    f('        - name: regcred')


def kubeconfig(path, i):
    f = F(path)
    f('apiVersion: v1\nclusters:\n- cluster:')
    f.benign(f'    certificate-authority-data: {cert_b64(i)}', 'base64-blob', 'ca certificate')
    f(f'    server: https://k8s-{i}.internal:6443\n  name: prod\nusers:\n- name: admin\n  user:')
    f.benign(f'    client-certificate-data: {cert_b64((i + 1) % 6)}', 'base64-blob', 'client certificate')
    if R.random() < 0.7:
        f.secret(f'    client-key-data: {base64.b64encode(KEYS[f"rsa{i}.pem"]).decode()}', 'private-key', 'kubeconfig client key')
    else:
        f.secret(f'    token: {jwt({"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": "kube-system", "sub": "system:serviceaccount:kube-system:admin"}, alg="RS256")}', 'jwt', 'service account token')


def github_workflow(path):
    f = F(path)
    f(f'name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:')
    f('      - uses: actions/checkout@v4')
    f.benign(f'      - uses: actions/setup-node@{sha1()}', 'hash', 'pinned action sha')
    f('      - run: npm ci\n        env:')
    f.benign('          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}', 'placeholder', 'actions secret reference')
    f('      - run: ./deploy.sh\n        env:')
    if R.random() < 0.5:
        fam, value, note, name = provider_secret()
        f.secret(f'          {name}: {value}', fam, note)
    else:
        f.benign('          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}', 'placeholder', 'actions secret reference')
    f.benign('          AWS_ROLE_ARN: arn:aws:iam::' + digits(12) + ':role/deploy', 'identifier-like', 'role arn')


def terraform(path):
    f = F(path)
    proj = pick(PROJECTS)
    f('terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n')
    f('provider "aws" {\n  region     = "eu-west-1"')
    if R.random() < 0.5:
        f.secret(f'  access_key = "AKIA{b32u(16)}"', 'cloud', 'aws access key id')
        f.secret(f'  secret_key = "{b64(40)}"', 'cloud', 'aws secret access key')
    else:
        f.benign('  access_key = var.aws_access_key', 'code-reference', 'terraform variable')
    f('}\n')
    f(f'resource "aws_db_instance" "{proj}" {{\n  engine   = "postgres"\n  username = "{proj}"')
    if R.random() < 0.6:
        f.secret(f'  password = "{password()}"', 'generic', 'rds master password')
    else:
        f.benign('  password = random_password.db.result', 'code-reference', 'generated password reference')
    f('}\n')
    f.benign(f'# state lock id {uuid()}', 'uuid', 'lock id')
    f('resource "cloudflare_record" "www" {')
    f.benign(f'  zone_id = "{hexs(32)}"', 'hash', 'zone id')
    f('}')


def tfvars(path):
    f = F(path)
    f(f'region = "eu-central-1"\nenvironment = "{pick(["prod", "staging"])}"')
    if R.random() < 0.6:
        f.secret(f'db_password = "{password()}"', 'generic', 'tfvars password')
    if R.random() < 0.6:
        f.secret(f'cloudflare_api_token = "{b64u(40)}"', 'cloud', 'cloudflare api token')
    f.benign(f'vpc_id = "vpc-{hexs(17)}"', 'identifier-like', 'resource id')
    f.benign(f'kms_key_id = "arn:aws:kms:eu-central-1:{digits(12)}:key/{uuid()}"', 'identifier-like', 'kms key arn')


def readme(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'# {proj.capitalize()} API client\n\n## Configuration\n\nSet your credentials before running:\n\n```bash')
    for name, value, note in R.sample(DOC_EXAMPLES, 2):
        f.benign(f'export {name}={value}', 'docs-example', note)
    name = pick(list(ENV_NAMES.values()))
    f.benign(f'export {name}=<your-{name.lower().replace("_", "-")}>', 'placeholder', 'documentation placeholder')
    f('```\n\nCall the API:\n\n```bash')
    f.benign('curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/orders', 'code-reference', 'variable in docs')
    f.benign('curl -u admin:password https://localhost:8080/health', 'placeholder', 'default credentials in docs')
    f('```\n')
    f.benign(f'Tokens look like `ghp_` followed by 36 characters, e.g. `ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.', 'look-alike', 'masked token in docs')
    f.benign(f'Fixed in {sha1()[:12]} ({sha1()}).', 'hash', 'commit reference')
    if R.random() < 0.25:
        fam, value, note, name = provider_secret()
        f('Quick test (remove before publishing!):\n\n```bash')
        f.secret(f'export {name}={value}', fam, note + ' left in docs')
        f('```')


def shell_script(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'#!/usr/bin/env bash\nset -euo pipefail\n# Nightly backup of {proj}\n')
    if R.random() < 0.5:
        f.secret(f'mysqldump --host=db.prod --user=backup --password={password().replace("$", "")} {proj} | gzip > /backups/{proj}.sql.gz', 'generic', 'password flag')
    else:
        f.benign(f'mysqldump --host=db.prod --user=backup --password="$MYSQL_PWD" {proj} | gzip > /backups/{proj}.sql.gz', 'code-reference', 'variable')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'export {name}="{value}"', fam, note)
    if R.random() < 0.5:
        f.secret(f'curl -fsS -H "Authorization: Bearer {b62(40)}" https://hooks.{proj}.internal/backup-done', 'generic', 'bearer token in curl')
    else:
        f.benign('curl -fsS -H "Authorization: Bearer ${BACKUP_TOKEN}" https://hooks.internal/backup-done', 'code-reference', 'variable')
    if R.random() < 0.4:
        f.secret(f'git clone https://ci-bot:{crc_token("ghp_")}@github.com/{proj}/infra.git', 'vcs-ci', 'token in clone url')
    f.benign(f'echo "{sha256()}  /backups/{proj}.sql.gz" | sha256sum -c -', 'hash', 'checksum')
    f.benign('read -rsp "Password: " password', 'code-reference', 'prompt')


def lockfile(path):
    f = F(path)
    f('{\n  "name": "web",\n  "lockfileVersion": 3,\n  "packages": {')
    for pkg in R.sample(['react', 'lodash', 'axios', 'express', 'jsonwebtoken', 'bcrypt', 'uuid', 'dotenv'], 4):
        f(f'    "node_modules/{pkg}": {{\n      "version": "{R.randint(1, 18)}.{R.randint(0, 20)}.{R.randint(0, 9)}",')
        f(f'      "resolved": "https://registry.npmjs.org/{pkg}/-/{pkg}-1.0.0.tgz",')
        f.benign(f'      "integrity": "sha512-{b64(86)}=="', 'hash', 'npm integrity hash')
        f('    },')
    f('  }\n}')


def dockerfile(path):
    f = F(path)
    f(f'FROM eclipse-temurin:21-jre@sha256:{sha256()}'.split('@')[0])
    f.benign(f'FROM eclipse-temurin:21-jre@sha256:{sha256()}', 'hash', 'base image digest')
    f('WORKDIR /app\nCOPY target/app.jar app.jar')
    if R.random() < 0.5:
        fam, value, note, name = provider_secret()
        f.secret(f'ENV {name}={value}', fam, note)
    if R.random() < 0.5:
        f.secret(f'ENV DB_PASSWORD={password()}', 'generic', 'password in image')
    else:
        f.benign('ARG DB_PASSWORD', 'code-reference', 'build argument')
    f.benign('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci', 'code-reference', 'build secret mount')
    f('ENTRYPOINT ["java", "-jar", "app.jar"]')


def maven_settings(path):
    f = F(path)
    f('<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n      <username>deployer</username>')
    if R.random() < 0.6:
        f.secret(f'      <password>{password().replace("<", "").replace("&", "")}</password>', 'generic', 'maven server password')
    else:
        f.benign('      <password>${env.NEXUS_PASSWORD}</password>', 'placeholder', 'environment reference')
    f('    </server>\n    <server>\n      <id>snapshots</id>\n      <username>deployer</username>')
    f.benign('      <password>{' + b64(44) + '}</password>', 'look-alike', 'maven-encrypted password')
    f('    </server>\n  </servers>\n</settings>')


def appsettings(path):
    f = F(path)
    proj = pick(PROJECTS)
    f('{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "ConnectionStrings": {')
    if R.random() < 0.6:
        f.secret(f'    "Default": "Server=tcp:{proj}.database.windows.net,1433;Initial Catalog={proj};User ID={proj}app;Password={password().replace(";", "")};Encrypt=True;",', 'connection-string', 'ado.net connection string')
    else:
        f.benign(f'    "Default": "Server=(localdb)\\\\mssqllocaldb;Database={proj};Trusted_Connection=True;",', 'placeholder', 'local db without password')
    if R.random() < 0.6:
        f.secret(f'    "Storage": "DefaultEndpointsProtocol=https;AccountName={proj}store;AccountKey={azure_key()};EndpointSuffix=core.windows.net"', 'cloud', 'azure storage key')
    else:
        f.benign('    "Storage": "UseDevelopmentStorage=true"', 'placeholder', 'emulator storage')
    f('  },\n  "AzureAd": {')
    f.benign(f'    "TenantId": "{uuid()}",', 'uuid', 'tenant id')
    f.benign(f'    "ClientId": "{uuid()}",', 'uuid', 'client id')
    if R.random() < 0.6:
        f.secret(f'    "ClientSecret": "{b64u(3).replace("-", "a")}8Q~{b64u(34).replace("-", "b")}"', 'cloud', 'entra client secret')
    else:
        f.benign('    "ClientSecret": ""', 'placeholder', 'empty value')
    f('  }\n}')


def dotfiles(base):
    f = F(base + '/.npmrc')
    f('registry=https://registry.npmjs.org/')
    if R.random() < 0.7:
        f.secret(f'//registry.npmjs.org/:_authToken={crc_token("npm_")}', 'vcs-ci', 'npm token')
    else:
        f.benign('//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'placeholder', 'environment reference')
    f = F(base + '/.pypirc')
    f('[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__')
    f.secret(f'password = pypi-AgEIcHlwaS5vcmc{b64u(140)}', 'vcs-ci', 'pypi token')
    f = F(base + '/.netrc')
    f.secret(f'machine artifacts.{pick(PROJECTS)}.internal login ci password {b62(24)}', 'generic', 'netrc password')
    f = F(base + '/.git-credentials')
    f.secret(f'https://ci-bot:{crc_token("ghp_")}@github.com', 'vcs-ci', 'git credential store')
    f = F(base + '/pip.conf')
    f(f'[global]')
    f.secret(f'index-url = https://build:{b62(26)}@pypi.{pick(PROJECTS)}.internal/simple', 'connection-string', 'pip index credentials')


def key_files(base, i):
    F(base + f'/deploy/id_ed25519').secret(key(f'ossh{i}'), 'private-key', 'openssh private key')
    F(base + f'/deploy/id_ed25519.pub').benign(pub(f'ossh{i}'), 'public-key', 'ssh public key')
    F(base + f'/tls/server{i}.key').secret(key(f'rsa{i}.pem'), 'private-key', 'rsa private key')
    f = F(base + f'/tls/server{i}.crt')
    f.benign(key(f'cert{i}.pem').split('\n')[0], 'base64-blob', 'certificate')
    for line in key(f'cert{i}.pem').split('\n')[1:]:
        f(line)
    F(base + f'/tls/ec{i}.pem').secret(key(f'ec{i}.pem'), 'private-key', 'ec private key')
    F(base + f'/tls/encrypted{i}.pem').secret(key(f'enc{i}.pem'), 'private-key', 'encrypted pkcs8 key')
    sa = F(base + f'/gcp/service-account-{i}.json')
    sa('{\n  "type": "service_account",')
    sa(f'  "project_id": "{pick(PROJECTS)}-prod-{digits(4)}",')
    sa.secret(f'  "private_key_id": "{hexs(40)}",', 'cloud', 'service account key id')
    pem = key(f'p8rsa{i}.pem').replace('\n', '\\n')
    sa.secret(f'  "private_key": "{pem}",', 'private-key', 'service account private key')
    sa(f'  "client_email": "deployer@{pick(PROJECTS)}-prod.iam.gserviceaccount.com",')
    sa.benign(f'  "client_id": "{digits(21)}",', 'identifier-like', 'client id')
    sa('  "token_uri": "https://oauth2.googleapis.com/token"\n}')


def jwk_file(path):
    f = F(path)
    f('{"keys": [')
    f.benign('  {"kty": "EC", "crv": "P-256", "kid": "' + hexs(8) + '", "x": "' + b64url(R.randbytes(32)) + '", "y": "' + b64url(R.randbytes(32)) + '"},', 'public-key', 'public jwk')
    f.secret('  {"kty": "EC", "crv": "P-256", "kid": "' + hexs(8) + '", "x": "' + b64url(R.randbytes(32)) + '", "y": "' + b64url(R.randbytes(32)) + '", "d": "' + b64url(R.randbytes(32)) + '"}', 'private-key', 'private jwk')
    f(']}')


def python_tests(path):
    f = F(path)
    f('import pytest\n\nfrom app import client\n\n')
    f('def test_rejects_expired_token():')
    f.secret(f'    token = "{jwt({"sub": "user-" + digits(4), "exp": 1600000000, "role": "admin"})}"', 'jwt', 'jwt in test')
    f('    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401\n')
    f('def test_login(user):')
    f.benign('    resp = client.post("/login", data={"username": user.name, "password": user.password})', 'code-reference', 'fixture attribute')
    f.benign('    assert "password" not in resp.text', 'identifier-like', 'string literal')
    f('\n\n@pytest.fixture\ndef user():')
    f.benign('    return User(name="alice", password=make_password())', 'code-reference', 'generated password')
    f.benign(f'EXPECTED_DIGEST = "{sha256()}"', 'hash', 'expected hash in test')


def go_file(path):
    f = F(path)
    proj = pick(PROJECTS)
    f(f'package main\n\nimport (\n\t"os"\n)\n')
    f('const (')
    f.benign('\tdefaultTokenTTL = 3600', 'identifier-like', 'constant')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'\t{name[0] + name[1:].lower().replace("_", "")} = "{value}"', fam, note)
    f(')\n\nfunc config() Config {\n\treturn Config{')
    f.benign('\t\tAPIKey:   os.Getenv("API_KEY"),', 'code-reference', 'environment lookup')
    if R.random() < 0.5:
        f.secret(f'\t\tPassword: "{password().replace(chr(34), "")}",', 'generic', 'literal password')
    f('\t}\n}')


def ruby_php_cs(base):
    f = F(base + '/config/initializers/stripe.rb')
    if R.random() < 0.6:
        f.secret(f"Stripe.api_key = '{pick(['sk_live_51', 'rk_live_51'])}{b62(97)}'", 'payment', 'stripe key in initializer')
    else:
        f.benign("Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')", 'code-reference', 'environment lookup')
    f.benign("Stripe.api_version = '2024-06-20'", 'identifier-like', 'api version')
    f = F(base + '/config/database.php')
    f("<?php\nreturn [\n    'mysql' => [\n        'host' => env('DB_HOST', '127.0.0.1'),")
    f.benign("        'password' => env('DB_PASSWORD', ''),", 'code-reference', 'environment lookup')
    if R.random() < 0.6:
        f.secret(f"        'replica_password' => '{password().replace(chr(39), '')}',", 'generic', 'php password literal')
    f('    ],\n];')
    f = F(base + '/src/Startup.cs')
    f('public class Startup {')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'    private const string {name.title().replace("_", "")} = "{value}";', fam, note)
    f.benign('    private const string AuthScheme = "Bearer";', 'identifier-like', 'scheme')
    f('}')


def log_file(path):
    f = F(path)
    for _ in range(R.randint(4, 8)):
        f(f'2026-{R.randint(1, 11):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00Z INFO request id={uuid()} status=200')
    f.benign(f'2026-03-02T10:00:00Z INFO trace_id={hexs(32)} span_id={hexs(16)}', 'hash', 'trace ids')
    if R.random() < 0.7:
        f.secret(f'2026-03-02T10:00:01Z DEBUG outgoing headers {{"Authorization": "Bearer {b62(40)}"}}', 'generic', 'bearer token in log')
    if R.random() < 0.6:
        fam, value, note, name = provider_secret()
        f.secret(f'2026-03-02T10:00:02Z DEBUG env {name}={value}', fam, note + ' in log')
    f.benign('2026-03-02T10:00:03Z WARN login failed for user=bob reason="invalid password"', 'identifier-like', 'log text')


def html_page(path):
    f = F(path)
    f('<!doctype html>\n<html>\n<head>')
    f.benign(f'<link rel="icon" href="data:image/png;base64,iVBORw0KGgo{b64(180)}=">', 'base64-blob', 'data uri image')
    f.benign(f'<script src="/static/main.{hexs(20)}.js" integrity="sha384-{b64(64)}" crossorigin="anonymous"></script>', 'hash', 'subresource integrity')
    f('</head>\n<body>')
    f.benign(f'<div class="g-recaptcha" data-sitekey="6Lc{b64u(37)}"></div>', 'public-key', 'recaptcha site key')
    f.benign('<input type="password" name="password" placeholder="Password" autocomplete="current-password">', 'identifier-like', 'form field')
    f('</body>\n</html>')


def saml_xml(path):
    f = F(path)
    f('<EntityDescriptor entityID="https://idp.internal/saml">\n  <IDPSSODescriptor>\n    <KeyDescriptor use="signing">')
    f.benign(f'      <X509Certificate>{cert_b64(R.randint(0, 5))[:600]}</X509Certificate>', 'base64-blob', 'saml certificate')
    f('    </KeyDescriptor>\n  </IDPSSODescriptor>\n</EntityDescriptor>')


def putty_and_pgp(base):
    f = F(base + '/keys/admin.ppk')
    pubb = b64(100)
    f.secret('PuTTY-User-Key-File-3: ssh-ed25519', 'private-key', 'putty key')
    f(f'Encryption: none\nComment: admin@jump\nPublic-Lines: 2\n{pubb[:64]}\n{pubb[64:]}\nPrivate-Lines: 1\n{b64(50)}\nPrivate-MAC: {hexs(64)}')
    F(base + '/keys/release-signing.asc').secret(key('pgp.asc'), 'private-key', 'pgp private key')
    f = F(base + '/keys/keystore.properties')
    p12 = base64.b64encode(KEYS['ks0.p12']).decode()
    f.secret(f'keystore.base64={p12}', 'private-key', 'pkcs12 keystore in base64')
    f.benign('keystore.type=PKCS12', 'identifier-like', 'keystore type')
    f = F(base + '/keys/age.txt')
    f('# created: 2026-05-01T10:00:00Z')
    f.benign(f'# public key: age1{rnd("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)}', 'public-key', 'age recipient')
    f.secret(age_key(), 'private-key', 'age identity')


def notebook(path):
    f = F(path)
    f('{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [')
    f('    "import openai\\n",')
    if R.random() < 0.7:
        f.secret(f'    "openai.api_key = \\"sk-proj-{b64u(156)}\\"\\n",', 'saas', 'openai key in notebook')
    else:
        f.benign('    "openai.api_key = os.environ[\\"OPENAI_API_KEY\\"]\\n",', 'code-reference', 'environment lookup')
    f('    "resp = openai.chat.completions.create(model=\\"gpt-4o\\", messages=msgs)"\n   ]\n  }\n ]\n}')


def dotnet_app_config(path):
    f = F(path)
    proj = pick(PROJECTS)
    f('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>')
    f.benign(f'    <add key="ServiceName" value="{proj}" />', 'identifier-like', 'setting')
    if R.random() < 0.7:
        f.secret(f'    <add key="PaymentGatewayApiKey" value="{b62(32)}" />', 'generic', 'api key in appSettings')
    if R.random() < 0.6:
        f.secret(f'    <add key="SmtpPassword" value="{password().replace(chr(34), "").replace("<", "").replace("&", "")}" />', 'generic', 'password in appSettings')
    f.benign('    <add key="ApiKeyHeaderName" value="X-Api-Key" />', 'identifier-like', 'header name setting')
    f('  </appSettings>\n  <connectionStrings>')
    if R.random() < 0.7:
        ns = pick(PROJECTS)
        f.secret(f'    <add name="Bus" connectionString="Endpoint=sb://{ns}-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={base64.b64encode(R.randbytes(32)).decode()}" />', 'cloud', 'service bus key')
    f('  </connectionStrings>\n</configuration>')


def ops_script(path):
    f = F(path)
    proj = pick(PROJECTS)
    f('#!/bin/sh\n# restore a dump into staging')
    if R.random() < 0.7:
        f.secret(f'mysql -h staging-db -u root -p{password().replace("$", "").replace(chr(39), "").replace(chr(34), "")} {proj} < dump.sql', 'generic', 'mysql -p password')
    else:
        f.benign(f'mysql -h staging-db -u root -p {proj} < dump.sql', 'code-reference', 'interactive password prompt')
    f = F(path.replace('restore.sh', '.npmrc'))
    f.secret(f'_auth={basic("deploy", password())}', 'vcs-ci', 'legacy npm basic auth')
    f('always-auth=true')


def hard_cases(path):
    """Secrets written in ways line-based scanners find hard; kept even where Bulwark misses them."""
    f = F(path)
    f('database:\n  host: db.internal\n  user: app')
    f('  password: >-')
    f.secret(f'    {password()}', 'generic', 'password in a folded block scalar')
    f('api:')
    f.secret(f'  token: "{b62(20)}"', 'generic', 'api token with a quoted short value')


def changelog(path):
    f = F(path)
    f('# Changelog\n')
    for _ in range(R.randint(4, 7)):
        f.benign(f'- {pick(["Fix", "Add", "Rotate", "Remove"])} {pick(["token refresh", "password reset", "api key validation", "secret rotation"])} ({sha1()})', 'hash', 'commit id')


# ------------------------------------------------------------------ main
def build():
    make_keys()
    for i in range(16):
        proj = PROJECTS[i % len(PROJECTS)] + ('' if i < len(PROJECTS) else f'-{i}')
        dotenv(f'{proj}/.env', R.randint(6, 10), R.randint(3, 6))
        dotenv(f'{proj}/.env.example', 0, R.randint(6, 9), example=True)
        spring_yaml(f'{proj}/src/main/resources/application-{pick(["prod", "staging", "dev"])}.yml')
        properties(f'{proj}/config/{pick(["app", "service", "db"])}.properties')
        java_config(f'{proj}/src/main/java/com/example/{proj}/{proj.capitalize()}Client.java')
        node_config(f'{proj}/web/config/{pick(["default", "production"])}.js')
        docker_compose(f'{proj}/docker-compose.yml')
        terraform(f'{proj}/infra/main.tf')
        readme(f'{proj}/README.md')
        shell_script(f'{proj}/scripts/backup.sh')
        python_tests(f'{proj}/tests/test_auth.py')
        log_file(f'{proj}/logs/app-{i}.log')
        if i % 2 == 0:
            django_settings(f'{proj}/app/settings.py')
            k8s_secret(f'{proj}/deploy/k8s/secret.yaml')
            github_workflow(f'{proj}/.github/workflows/deploy.yml')
            appsettings(f'{proj}/api/appsettings.Production.json')
            go_file(f'{proj}/cmd/worker/main.go')
        else:
            tfvars(f'{proj}/infra/prod.tfvars')
            lockfile(f'{proj}/web/package-lock.json')
            dockerfile(f'{proj}/Dockerfile')
            maven_settings(f'{proj}/.mvn/settings.xml')
            html_page(f'{proj}/web/public/index.html')
            notebook(f'{proj}/notebooks/explore.ipynb')
        if i < 6:
            key_files(proj, i)
            kubeconfig(f'{proj}/deploy/kubeconfig', i)
            dotfiles(f'{proj}/home')
            ruby_php_cs(f'{proj}/legacy')
            changelog(f'{proj}/CHANGELOG.md')
            saml_xml(f'{proj}/deploy/idp-metadata.xml')
        if i % 3 == 0:
            dotnet_app_config(f'{proj}/legacy/App.config')
            ops_script(f'{proj}/ops/restore.sh')
        if i == 0:
            hard_cases(f'{proj}/config/hard-cases.yml')
            putty_and_pgp(proj)
            jwk_file(f'{proj}/deploy/jwks.json')


def write(out):
    files_dir = os.path.join(out, 'files')
    if os.path.isdir(files_dir):
        shutil.rmtree(files_dir)
    rows = []
    for path, lines in sorted(FILES.items()):
        full = os.path.join(files_dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w') as fh:
            for text, _ in lines:
                fh.write(text + '\n')
        for n, (_, label) in enumerate(lines, start=1):
            if label:
                rows.append((path, n) + label)
    with open(os.path.join(out, 'labels.csv'), 'w') as fh:
        fh.write('file,line,label,category,note\n')
        for path, n, label, cat, note in rows:
            fh.write(f'{path},{n},{label},{cat},"{note}"\n')
    secrets = sum(1 for r in rows if r[2] == 'secret')
    print(f'{len(FILES)} files, {secrets} secrets, {len(rows) - secrets} hard negatives')


if __name__ == '__main__':
    build()
    write(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
