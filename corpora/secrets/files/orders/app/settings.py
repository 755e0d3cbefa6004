import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ['.example.org']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'analytics',
        'USER': 'analytics',
        'PASSWORD': 'meadow-lagoon-79Orchid',
        'HOST': 'db',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
]

TFE_TOKEN = "cxNhtgQWpbC4to.atlasv1.yrBtrkD51jGj08LWyYccdzEEe8b7aguODMYsqvDz1UjNsp7_J6kz7qlCPlLrtZUD0xj"
PASSWORD_RESET_TIMEOUT = 259200
CSRF_COOKIE_NAME = "csrftoken"
TOKEN_TYPE = "Bearer"
STATIC_VERSION = "265111093a10"
