import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ['.example.org']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'shipping',
        'USER': 'shipping',
        'PASSWORD': 'CmtMYSAg371tcjMqAq4Yir0o',
        'HOST': 'db',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

TEAMS_WEBHOOK_URL = "https://catalogcorp.webhook.office.com/webhookb2/9b096187-00c1-4093-959d-13e6a8c64d94@e9137d46-0200-4156-a04e-a99f01903e4f/IncomingWebhook/eb9ab73d47a1231dec245b64705dd1ba/95c52849-9558-4a07-b053-c9b130981cbb"
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_TYPE = "Bearer"
STATIC_VERSION = "9441061cbcc0"
