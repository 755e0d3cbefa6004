import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = 'yaqiu3z3li0kqn!ss)rmy(2x*!t^s=eizrl^i79&0gly=c7r7a'
DEBUG = False
ALLOWED_HOSTS = ['.example.org']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'gateway',
        'USER': 'gateway',
        'PASSWORD': 'Lagoon$811quartz',
        'HOST': 'db',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

SLACK_APP_TOKEN = "xapp-1-AFMM51OWIDY-2371640513079-b065231aa9106eea3e601b4538d999b2cd170f301560cf502377083e081198d0"
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_TYPE = "Bearer"
STATIC_VERSION = "cc50e1bd995b"
